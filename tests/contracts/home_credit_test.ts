import assert from "node:assert/strict";
import {
  homeCreditContract,
  homeCreditContracts,
  validateTables,
} from "../../lib/contracts/mod.ts";
import { TableContract } from "../../lib/contracts/types.ts";
import { generateHomeCredit } from "../../lib/data/home_credit/generator/mod.ts";
import { HOME_CREDIT_TABLES, tableSchema } from "../../lib/contracts/home_credit_schema.ts";
import { openFixture } from "./parquet_fixture.ts";

const TYPES = { int64: "int", float64: "float", object: "category" } as const;

Deno.test("each Home Credit contract lists its schema's columns, order and types", () => {
  const contracts = homeCreditContracts({ source: "synthetic" });
  assert.deepEqual(contracts.map((c) => c.table), [...HOME_CREDIT_TABLES]);
  for (const table of contracts) {
    TableContract.parse(table);
    const schema = tableSchema(table.table as typeof HOME_CREDIT_TABLES[number]);
    assert.deepEqual(
      table.columns.map((c) => [c.name, c.type]),
      schema.columns.map((c) => [c.name, TYPES[c.dtype]]),
    );
    assert.deepEqual(table.key, schema.key);
  }
});

Deno.test("DAYS_EMPLOYED allows the 365243 sentinel above its day-count range", () => {
  const column = homeCreditContract("application_train", { source: "synthetic" }).columns
    .find((c) => c.name === "DAYS_EMPLOYED");
  assert.deepEqual(
    [column?.min, column?.max, column?.sentinels, column?.nullable],
    [-26868, 0, [365243], false],
  );
});

Deno.test("category sets come from the schema's levels and null ceilings from its rates", () => {
  const columns = homeCreditContract("application_train", { source: "synthetic" }).columns;
  const gender = columns.find((c) => c.name === "CODE_GENDER");
  assert.deepEqual(gender?.levels, ["F", "M", "XNA"]);
  const ext1 = columns.find((c) => c.name === "EXT_SOURCE_1");
  assert.deepEqual([ext1?.min, ext1?.max, ext1?.maxNullRate, ext1?.warnNullRate], [
    0,
    1,
    0.6638,
    0.5838,
  ]);
});

Deno.test("relations with known orphans are warnings; references to clients harden for synthetic data", () => {
  const severities = (source: "synthetic" | "home-credit") =>
    homeCreditContracts({ source }).flatMap((c) =>
      (c.foreignKeys ?? []).map((fk) => `${c.table}.${fk.columns[0]}->${fk.table}:${fk.severity}`)
    );
  assert.deepEqual(severities("synthetic"), [
    "bureau.SK_ID_CURR->application_train:error",
    "bureau_balance.SK_ID_BUREAU->bureau:warning",
    "previous_application.SK_ID_CURR->application_train:error",
    "POS_CASH_balance.SK_ID_PREV->previous_application:warning",
    "POS_CASH_balance.SK_ID_CURR->application_train:error",
    "installments_payments.SK_ID_PREV->previous_application:warning",
    "installments_payments.SK_ID_CURR->application_train:error",
    "credit_card_balance.SK_ID_PREV->previous_application:warning",
    "credit_card_balance.SK_ID_CURR->application_train:error",
  ]);
  assert.ok(severities("home-credit").every((s) => s.endsWith(":warning")));
});

Deno.test("the seeded generator's tables meet the Home Credit contracts", async () => {
  const fixture = await openFixture();
  try {
    await generateHomeCredit({ outDir: fixture.dir, seed: 3, applicants: 300, threads: 1 });
    const contracts = homeCreditContracts({
      source: "synthetic",
      minRows: { application_train: 300 },
    });
    const report = await validateTables(
      fixture.conn,
      contracts.map((contract) => ({ contract, path: `${fixture.dir}/${contract.table}.parquet` })),
      { name: "raw" },
    );
    assert.deepEqual(report.errors, []);
    // 300 applicants leave room for sampling noise above the soft null-rate limits only.
    assert.deepEqual([...new Set(report.warnings.map((w) => w.check))], ["null_rate"]);
    assert.equal(report.tables[0].rows, 300);
  } finally {
    await fixture.close();
  }
});

Deno.test("a sentinel in the wrong column and an unknown level are caught in generated data", async () => {
  const fixture = await openFixture();
  try {
    await generateHomeCredit({ outDir: fixture.dir, seed: 3, applicants: 50, threads: 1 });
    const source = `read_parquet('${fixture.dir}/application_train.parquet')`;
    const first = `(SELECT min(SK_ID_CURR) FROM ${source})`;
    const path = await fixture.parquet(
      "broken",
      `SELECT * REPLACE (
         CASE WHEN SK_ID_CURR = ${first} THEN 365243 ELSE DAYS_BIRTH END AS DAYS_BIRTH,
         CASE WHEN SK_ID_CURR = ${first} THEN 'Robot' ELSE CODE_GENDER END AS CODE_GENDER)
       FROM ${source} ORDER BY SK_ID_CURR`,
    );
    const contract = homeCreditContract("application_train", { source: "synthetic" });
    const report = await validateTables(fixture.conn, [{ contract, path }], { name: "raw" });
    assert.deepEqual(report.errors.map((r) => [r.column, r.check, r.failures, r.sample]), [
      ["CODE_GENDER", "in_set", 1, [{
        table: "application_train",
        column: "CODE_GENDER",
        check: "in_set",
        rowKey: { SK_ID_CURR: 100002 },
        value: "Robot",
      }]],
      ["DAYS_BIRTH", "max", 1, [{
        table: "application_train",
        column: "DAYS_BIRTH",
        check: "max",
        rowKey: { SK_ID_CURR: 100002 },
        value: 365243,
      }]],
    ]);
  } finally {
    await fixture.close();
  }
});
