import assert from "node:assert/strict";
import { rowSchema, validateRow } from "../../lib/contracts/mod.ts";
import { contract } from "./parquet_fixture.ts";

const applicants = contract({
  formatVersion: 1,
  table: "applicants",
  key: ["id"],
  target: "y",
  columns: [
    { name: "id", type: "int", nullable: false },
    { name: "y", type: "int", nullable: false },
    { name: "score", type: "float", nullable: true, min: 0, max: 1 },
    { name: "days", type: "int", nullable: false, min: -100, max: 0, sentinels: [365243] },
    { name: "grade", type: "category", nullable: true, levels: ["A", "B"] },
    { name: "owner", type: "boolean", nullable: false },
    { name: "note", type: "string", nullable: true },
  ],
});

const schema = rowSchema(applicants, { omit: ["id", "y"] });

Deno.test("a row that meets the contract is returned as parsed", () => {
  const row = { score: 0.5, days: 365243, grade: "A", owner: true, note: "x" };
  assert.deepEqual(validateRow(schema, row), { success: true, data: row });
});

Deno.test("nullable fields may be null or left out", () => {
  const result = validateRow(schema, { score: null, days: -3, owner: false });
  assert.equal(result.success, true);
});

Deno.test("every broken rule is named with its field", () => {
  const result = validateRow(schema, {
    score: 1.5,
    days: -101,
    grade: "C",
    owner: "yes",
    note: 3,
  });
  assert.deepEqual(result, {
    success: false,
    issues: [
      { field: "score", rule: "max", message: '"score": must be at most 1' },
      {
        field: "days",
        rule: "min",
        message: '"days": must be at least -100 or a sentinel (365243)',
      },
      { field: "grade", rule: "in_set", message: '"grade": must be one of "A", "B"' },
      { field: "owner", rule: "type", message: '"owner": must be true or false' },
      { field: "note", rule: "type", message: '"note": must be a string' },
    ],
  });
});

Deno.test("NaN and infinity are rejected as not finite", () => {
  const result = validateRow(schema, { score: NaN, days: Infinity, owner: true });
  assert.deepEqual(result.success ? [] : result.issues.map((i) => [i.field, i.rule]), [
    ["score", "finite"],
    ["days", "finite"],
  ]);
});

Deno.test("a missing required field, a fraction in an int field and an unknown field are named", () => {
  const result = validateRow(schema, { days: -1.5, extra: 1 });
  assert.deepEqual(result.success ? [] : result.issues, [
    { field: "days", rule: "integer", message: '"days": must be an integer' },
    { field: "owner", rule: "required", message: '"owner": is required' },
    { field: "extra", rule: "unknown_field", message: '"extra": is not a field of the contract' },
  ]);
});

Deno.test("unknown fields are dropped when asked to strip them", () => {
  const lenient = rowSchema(applicants, { omit: ["id", "y"], unknownFields: "strip" });
  assert.deepEqual(validateRow(lenient, { days: 0, owner: true, extra: 1 }), {
    success: true,
    data: { days: 0, owner: true },
  });
});

Deno.test("the target must be 0 or 1 when it is validated", () => {
  const full = rowSchema(applicants);
  const result = validateRow(full, { id: 1, y: 2, days: 0, owner: true });
  assert.deepEqual(result.success ? [] : result.issues.map((i) => [i.field, i.rule]), [
    ["y", "target_binary"],
  ]);
});

Deno.test("a payload that is not an object gets one row-level issue", () => {
  assert.deepEqual(validateRow(schema, "hello"), {
    success: false,
    issues: [{ field: "", rule: "type", message: "The row must be an object" }],
  });
});

Deno.test("a partial schema lets every field be missing but still checks given values", () => {
  const partial = rowSchema(applicants, { omit: ["id", "y"], partial: true });
  assert.deepEqual(validateRow(partial, {}), { success: true, data: {} });
  const result = validateRow(partial, { days: null, score: 2 });
  assert.deepEqual(result.success ? [] : result.issues.map((i) => [i.field, i.rule]), [
    ["score", "max"],
  ]);
});
