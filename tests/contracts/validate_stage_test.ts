import assert from "node:assert/strict";
import {
  FALSE_VALUES,
  MISSING_MARKERS,
  TRUE_VALUES,
  writeCsvContract,
} from "../../lib/contracts/mod.ts";
import { openDuckDb } from "../../lib/duckdb/mod.ts";
import { contract } from "./parquet_fixture.ts";

const REPO = new URL("../../", import.meta.url).pathname;

const reviewed = contract({
  formatVersion: 1,
  table: "table",
  key: ["id"],
  target: "y",
  columns: [
    { name: "id", type: "int", nullable: false },
    { name: "y", type: "int", nullable: false },
    { name: "grade", type: "category", nullable: true, levels: ["A", "B"] },
  ],
});

async function runStage(rows: string) {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/data/raw/parquet`, { recursive: true });
    await writeCsvContract(`${dir}/contracts/csv.contract.json`, {
      formatVersion: 1,
      csv: {
        targetColumn: "y",
        positiveLabel: "1",
        negativeLabel: "0",
        idColumn: "id",
        missingMarkers: MISSING_MARKERS,
        trueValues: TRUE_VALUES,
        falseValues: FALSE_VALUES,
      },
      contract: reviewed,
    });
    await Deno.writeTextFile(
      `${dir}/pipeline.yaml`,
      "params:\n  data:\n    source: csv\n    csv:\n      path: data/raw/input.csv\n      target_column: y\n" +
        '      positive_label: "1"\n      contract: contracts/csv.contract.json\n',
    );
    await Deno.writeTextFile(
      `${dir}/data/raw/parquet/source.json`,
      JSON.stringify({ source: "csv", tables: ["table"], rows: { table: 2 } }),
    );
    const conn = await openDuckDb({ threads: 1 });
    await conn.run(
      `COPY (SELECT * FROM (VALUES ${rows}) t(id, y, grade))
       TO '${dir}/data/raw/parquet/table.parquet' (FORMAT PARQUET)`,
    );
    conn.closeSync();
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--config", `${REPO}deno.json`, `${REPO}stages/validate.ts`],
      cwd: dir,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const report = JSON.parse(await Deno.readTextFile(`${dir}/reports/validation/raw.json`));
    return { code: output.code, stderr: new TextDecoder().decode(output.stderr), report };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("the validate stage exits 1 and writes every failure case to raw.json", async () => {
  const { code, stderr, report } = await runStage("(1::BIGINT, 0::BIGINT, 'A'), (2, 1, 'C')");
  assert.equal(code, 1);
  assert.deepEqual(report.errors.map((r: { column: string; check: string }) => r.check), [
    "in_set",
  ]);
  assert.deepEqual(report.errors[0].sample[0].rowKey, { id: 2 });
  assert.match(stderr, /error table\.grade \[in_set\] Must be one of "A", "B": 1 cases/);
});

Deno.test("the validate stage exits 0 on data that meets the reviewed contract", async () => {
  const { code, report } = await runStage("(1::BIGINT, 0::BIGINT, 'A'), (2, 1, NULL)");
  assert.equal(code, 0);
  assert.equal(report.ok, true);
});
