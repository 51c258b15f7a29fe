import assert from "node:assert/strict";
import { rowSchema, type TableContract, validateRow } from "../../lib/contracts/mod.ts";
import { requestRules } from "../../lib/registry/request_rules.ts";
import { DEFAULT_TIERS } from "../../lib/tiers/mod.ts";
import { type ServingInfo } from "../../lib/registry/mod.ts";

const CONTRACT: TableContract = {
  formatVersion: 1,
  table: "table",
  key: ["ROW_ID"],
  target: "y",
  columns: [
    { name: "ROW_ID", type: "int", nullable: false },
    { name: "y", type: "int", nullable: false, min: 0, max: 1 },
    { name: "city", type: "category", nullable: false, levels: ["Oslo"] },
    { name: "member", type: "boolean", nullable: false },
  ],
};

const INFO: ServingInfo = {
  formatVersion: 1,
  source: "csv",
  contract: CONTRACT,
  omit: ["y", "ROW_ID"],
  tiers: DEFAULT_TIERS,
  snapshot: null,
};

Deno.test("a csv version registered without reading rules keeps the typed JSON contract", () => {
  const rules = requestRules(INFO);
  assert.equal(rules.read, undefined);
  const schema = rowSchema(rules.contract, { omit: [...rules.omit] });
  assert.equal(validateRow(schema, { city: "Oslo", member: "yes" }).success, false);
  assert.equal(validateRow(schema, { city: "Oslo", member: true }).success, true);
});

Deno.test("with reading rules every field may be missing and a level is no longer refused", () => {
  const rules = requestRules({
    ...INFO,
    csv: {
      targetColumn: "y",
      positiveLabel: "1",
      negativeLabel: "0",
      idColumn: null,
      missingMarkers: ["NA"],
      trueValues: ["yes"],
      falseValues: ["no"],
    },
  });
  const schema = rowSchema(rules.contract, { omit: [...rules.omit] });
  const read = rules.read!({ city: "Tromsø", member: "NA", y: "1" });
  assert.deepEqual(read.unseen, ["city"]);
  assert.deepEqual(validateRow(schema, read.row), {
    success: true,
    data: { city: "Tromsø", member: null },
  });
  assert.equal(validateRow(schema, {}).success, true);
  assert.equal(validateRow(schema, { ROW_ID: 3 }).success, false, "ROW_ID is not a field");
});
