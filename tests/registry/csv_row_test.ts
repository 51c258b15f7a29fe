import assert from "node:assert/strict";
import type { TableContract } from "../../lib/contracts/mod.ts";
import type { CsvFormat } from "../../lib/contracts/csv_contract_file.ts";
import { compileCsvRowReader } from "../../lib/registry/csv_row.ts";

const FORMAT: CsvFormat = {
  targetColumn: "defaulted",
  positiveLabel: "yes",
  negativeLabel: "no",
  idColumn: null,
  missingMarkers: ["", "NA", "?"],
  trueValues: ["yes", "Y"],
  falseValues: ["no", "N"],
};

const CONTRACT: TableContract = {
  formatVersion: 1,
  table: "table",
  key: ["ROW_ID"],
  target: "defaulted",
  columns: [
    { name: "ROW_ID", type: "int", nullable: false },
    { name: "defaulted", type: "int", nullable: false, min: 0, max: 1 },
    { name: "age", type: "int", nullable: false },
    { name: "income", type: "float", nullable: true },
    { name: "city", type: "category", nullable: false, levels: ["Oslo", "Bergen"] },
    { name: "member", type: "boolean", nullable: false },
  ],
};

const read = compileCsvRowReader(CONTRACT, FORMAT);

Deno.test("a row as the CSV holds it reads into typed values, the target ignored", () => {
  const result = read({
    age: " 41 ",
    income: "NA",
    city: " Oslo",
    member: "YES",
    defaulted: "yes",
  });
  assert.deepEqual(result, {
    row: { age: 41, income: null, city: "Oslo", member: true },
    issues: [],
    unseen: [],
  });
});

Deno.test("typed JSON values read as themselves", () => {
  const row = { age: 41, income: 2500.5, city: "Bergen", member: false };
  assert.deepEqual(read(row), { row, issues: [], unseen: [] });
  assert.deepEqual(read({ income: "1e3", member: "n", age: "?" }).row, {
    income: 1000,
    member: false,
    age: null,
  });
});

Deno.test("an unseen level is kept and reported, not an issue", () => {
  assert.deepEqual(read({ city: "Tromsø" }), {
    row: { city: "Tromsø" },
    issues: [],
    unseen: ["city"],
  });
});

Deno.test("a boolean saying maybe names the field and the accepted spellings", () => {
  const { issues, row } = read({ member: "maybe", age: "41" });
  assert.deepEqual(row, { age: 41 });
  assert.deepEqual(issues.map((i) => [i.field, i.rule]), [["member", "type"]]);
  assert.equal(
    issues[0].message,
    `"member": must be one of yes, Y, no, N (any case), or true or false, or missing (null, NA, ?), got "maybe"`,
  );
});

Deno.test("a number that is not one names the field and the rule", () => {
  const { issues } = read({ age: "forty", income: "12,5", member: true });
  assert.deepEqual(issues.map((i) => [i.field, i.rule]), [["age", "type"], ["income", "type"]]);
  assert.match(issues[0].message, /^"age": must be an integer, or missing .*got "forty"$/);
  assert.deepEqual(read({ age: "41.5" }).issues.map((i) => i.rule), ["integer"]);
  assert.deepEqual(read({ member: {} }).issues.map((i) => i.rule), ["type"]);
});

Deno.test("a row that is not an object is one issue on the row", () => {
  assert.deepEqual(read([1]).issues.map((i) => [i.field, i.rule]), [["", "type"]]);
});

Deno.test("fields the contract does not name pass through for the schema to refuse", () => {
  assert.deepEqual(read({ ROW_ID: "3", extra: 1 }).row, { ROW_ID: 3, extra: 1 });
});
