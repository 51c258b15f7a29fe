import assert from "node:assert/strict";
import type { TableContract } from "../../../lib/contracts/mod.ts";
import { uiFields, uiGroups } from "../../../serve/ui/fields.ts";

const CONTRACT = {
  formatVersion: 1,
  table: "application_train",
  key: ["SK_ID_CURR"],
  columns: [
    { name: "SK_ID_CURR", type: "int", nullable: false, min: 0 },
    { name: "TARGET", type: "int", nullable: false, min: 0, max: 1 },
    { name: "EXT_SOURCE_2", type: "float", nullable: true, min: 0, max: 1 },
    { name: "NEW_FIELD", type: "string", nullable: true },
    { name: "DAYS_EMPLOYED", type: "int", nullable: false, max: 0, sentinels: [365243] },
  ],
} as TableContract;

Deno.test("a Home Credit field no rule names lands in Other, after the named groups", () => {
  const groups = uiGroups({ source: "home-credit", contract: CONTRACT, omit: ["TARGET"] });
  assert.deepEqual(groups.map((g) => [g.title, g.fields.map((f) => f.name)]), [
    ["Applicant", ["SK_ID_CURR"]],
    ["Employment", ["DAYS_EMPLOYED"]],
    ["External scores", ["EXT_SOURCE_2"]],
    ["Other", ["NEW_FIELD"]],
  ]);
});

Deno.test("a field carries its range, sentinels and whether it may be missing", () => {
  const fields = uiFields({ contract: CONTRACT, omit: ["TARGET"] });
  assert.deepEqual(fields.find((f) => f.name === "DAYS_EMPLOYED"), {
    name: "DAYS_EMPLOYED",
    type: "int",
    optional: false,
    max: 0,
    sentinels: [365243],
  });
  assert.deepEqual(fields.find((f) => f.name === "EXT_SOURCE_2"), {
    name: "EXT_SOURCE_2",
    type: "float",
    optional: true,
    min: 0,
    max: 1,
  });
});
