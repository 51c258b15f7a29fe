import assert from "node:assert/strict";
import { join } from "node:path";
import {
  homeCreditContract,
  rowSchema,
  type TableContract,
  validateRow,
} from "../../lib/contracts/mod.ts";
import { openDuckDb, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { buildOpenApi } from "../../serve/openapi.ts";
import { contractExampleRow } from "../../serve/openapi_row.ts";
import { readExampleRow } from "../../lib/registry/example_row.ts";

const LOANS: TableContract = {
  formatVersion: 1,
  table: "table",
  key: ["id"],
  target: "y",
  columns: [
    { name: "id", type: "int", nullable: false },
    { name: "age", type: "int", nullable: false, min: 18 },
    { name: "city", type: "category", nullable: true, levels: ["Oslo", "Bergen"] },
    { name: "y", type: "int", nullable: false },
  ],
};

Deno.test("the example row is the first row by key that the request contract accepts", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "table.parquet");
    const conn = await openDuckDb({ threads: 1 });
    try {
      // id 1 breaks `age >= 18`; id 2 is the first row a client could send.
      await conn.run(
        `copy (select * from (values (3, 40, 'Oslo', 0), (1, 12, 'Oslo', 1), (2, 30, null, 1))
          t(id, age, city, y)) to ${quoteLiteral(path)} (format parquet)`,
      );
    } finally {
      conn.closeSync();
    }
    assert.deepEqual(await readExampleRow(path, LOANS, ["y"]), { id: 2, age: 30, city: null });
    const none = {
      ...LOANS,
      columns: LOANS.columns.map((c) => c.name === "age" ? { ...c, min: 99 } : c),
    };
    assert.equal(await readExampleRow(path, none, ["y"]), undefined);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a row made from the contract's rules passes the contract (Home Credit and csv)", () => {
  const home = homeCreditContract("application_train", { source: "synthetic" });
  for (const [contract, omit] of [[home, ["TARGET"]], [LOANS, ["y"]]] as const) {
    const row = contractExampleRow(contract, omit);
    const result = validateRow(rowSchema(contract, { omit: [...omit] }), row);
    assert.ok(result.success, JSON.stringify(!result.success && result.issues.slice(0, 3)));
  }
  assert.deepEqual(contractExampleRow(LOANS, ["y"]), { id: 0, age: 18, city: "Oslo" });
});

Deno.test("a version without a stored example documents the contract-made row", () => {
  const doc = buildOpenApi({
    contract: LOANS,
    omit: ["y"],
    version: "v0001",
    tiers: ["low", "high"],
    maxBatchRows: 10,
  }) as {
    paths: Record<
      string,
      {
        post: {
          requestBody: { content: Record<string, { examples: { applicant: { value: unknown } } }> };
        };
      }
    >;
  };
  const example = doc.paths["/predict"].post.requestBody.content["application/json"].examples
    .applicant.value;
  assert.deepEqual(example, { id: 0, age: 18, city: "Oslo" });
});
