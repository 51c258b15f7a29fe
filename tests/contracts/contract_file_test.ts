import assert from "node:assert/strict";
import { formatContract, parseContract, readContract } from "../../lib/contracts/mod.ts";
import { contract } from "./parquet_fixture.ts";

const table = contract({
  formatVersion: 1,
  table: "t",
  key: ["id"],
  columns: [
    { name: "id", type: "int", nullable: false },
    { name: "g", type: "category", nullable: true, levels: ["A"], maxNullRate: 0.5 },
  ],
});

Deno.test("a contract survives a round trip through its JSON file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/t.json`, formatContract(table));
    assert.deepEqual(await readContract(`${dir}/t.json`), table);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a misspelt field in an edited contract is named with its path", () => {
  const text = JSON.stringify({ ...table, columns: [{ name: "id", type: "int", nulable: false }] });
  assert.throws(
    () => parseContract(text, "c.json"),
    {
      name: "TypeError",
      message:
        'Cannot read contract "c.json": columns.0.nullable: Invalid input: expected boolean, received undefined; columns.0: Unrecognized key: "nulable"',
    },
  );
});

Deno.test("a contract whose key names no column is refused", () => {
  const text = JSON.stringify({ ...table, key: ["nope"] });
  assert.throws(() => parseContract(text, "c.json"), {
    message: 'Cannot read contract "c.json": key.0: Column "nope" is not in the contract',
  });
});

Deno.test("bounds on a category column are refused", () => {
  const text = JSON.stringify({
    ...table,
    columns: [table.columns[0], { name: "g", type: "category", nullable: true, min: 0 }],
  });
  assert.throws(() => parseContract(text, "c.json"), {
    message:
      'Cannot read contract "c.json": columns.1: Column "g": min and max apply to int and float columns only',
  });
});
