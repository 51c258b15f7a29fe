import assert from "node:assert/strict";
import {
  DAYS_SENTINEL,
  HOME_CREDIT_TABLES,
  isTableName,
  tableSchema,
} from "../../lib/contracts/home_credit_schema.ts";

Deno.test("the seven tables come in pipeline order", () => {
  assert.deepEqual([...HOME_CREDIT_TABLES], [
    "application_train",
    "bureau",
    "bureau_balance",
    "previous_application",
    "POS_CASH_balance",
    "installments_payments",
    "credit_card_balance",
  ]);
  assert.equal(isTableName("application_test"), false);
});

Deno.test("each table has Kaggle's column count and dtype counts", () => {
  const expected: Record<string, [number, number, number, number]> = {
    application_train: [122, 65, 41, 16],
    bureau: [17, 8, 6, 3],
    bureau_balance: [3, 0, 2, 1],
    previous_application: [37, 15, 6, 16],
    POS_CASH_balance: [8, 2, 5, 1],
    installments_payments: [8, 5, 3, 0],
    credit_card_balance: [23, 15, 7, 1],
  };
  for (const table of HOME_CREDIT_TABLES) {
    const columns = tableSchema(table).columns;
    const count = (dtype: string) => columns.filter((c) => c.dtype === dtype).length;
    assert.deepEqual(
      [columns.length, count("float64"), count("int64"), count("object")],
      expected[table],
      table,
    );
  }
});

Deno.test("keys and Kaggle row counts are read from the schema", () => {
  assert.deepEqual(tableSchema("application_train").key, ["SK_ID_CURR"]);
  assert.deepEqual(tableSchema("bureau_balance").key, ["SK_ID_BUREAU", "MONTHS_BALANCE"]);
  assert.deepEqual(tableSchema("installments_payments").key, []);
  assert.equal(tableSchema("application_train").rows, 307511);
  assert.equal(tableSchema("bureau_balance").rows, 27299925);
});

Deno.test("category levels are listed most frequent first", () => {
  const gender = tableSchema("application_train").columns.find((c) => c.name === "CODE_GENDER");
  assert.deepEqual(gender?.levels, ["F", "M", "XNA"]);
  assert.equal(gender?.missingRate, 0);
});

Deno.test("the 365243 day sentinel is marked on DAYS_EMPLOYED and previous due dates", () => {
  const marked = HOME_CREDIT_TABLES.flatMap((table) =>
    tableSchema(table).columns.filter((c) => c.sentinel === DAYS_SENTINEL).map((c) =>
      `${table}.${c.name}`
    )
  );
  assert.deepEqual(marked, [
    "application_train.DAYS_EMPLOYED",
    "previous_application.DAYS_FIRST_DRAWING",
    "previous_application.DAYS_FIRST_DUE",
    "previous_application.DAYS_LAST_DUE_1ST_VERSION",
    "previous_application.DAYS_LAST_DUE",
    "previous_application.DAYS_TERMINATION",
  ]);
});

Deno.test("full-data ranges are kept and EXT_SOURCE_1 has its missing rate", () => {
  const ext = tableSchema("application_train").columns.find((c) => c.name === "EXT_SOURCE_1");
  assert.equal(ext?.min, 0.014568);
  assert.equal(ext?.max, 0.962693);
  assert.equal(ext?.missingRate, 0.56381);
});
