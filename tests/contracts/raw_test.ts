import assert from "node:assert/strict";
import { rawContracts } from "../../lib/contracts/mod.ts";
import { contract } from "./parquet_fixture.ts";

Deno.test("a synthetic source gets Home Credit contracts with the applicants as row floor", () => {
  const contracts = rawContracts(
    { source: "synthetic", tables: ["application_train", "bureau"], rows: {} },
    { applicants: 500 },
  );
  assert.deepEqual(contracts.map((c) => [c.table, c.minRows]), [
    ["application_train", 500],
    ["bureau", undefined],
  ]);
});

Deno.test("a csv source gets its reviewed contract", () => {
  const reviewed = contract({
    formatVersion: 1,
    table: "table",
    key: ["ROW_ID"],
    columns: [{ name: "ROW_ID", type: "int", nullable: false }],
  });
  const contracts = rawContracts({ source: "csv", tables: ["table"], rows: { table: 3 } }, {
    csvContract: reviewed,
  });
  assert.deepEqual(contracts, [reviewed]);
});

Deno.test("an unknown Home Credit table name is refused by name", () => {
  assert.throws(
    () => rawContracts({ source: "home-credit", tables: ["application_test"], rows: {} }, {}),
    { message: 'Cannot validate table "application_test": no Home Credit contract has its name' },
  );
});
