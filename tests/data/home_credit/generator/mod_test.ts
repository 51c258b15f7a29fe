import assert from "node:assert/strict";
import { generateHomeCredit } from "../../../../lib/data/home_credit/generator/mod.ts";
import {
  type ColumnSchema,
  DAYS_SENTINEL,
  HOME_CREDIT_TABLES,
  tableSchema,
} from "../../../../lib/contracts/home_credit_schema.ts";
import { quoteIdent, quoteLiteral } from "../../../../lib/duckdb/mod.ts";
import { FIXTURE_SEED, fixtureDir, queryFixture } from "./fixture.ts";

const PARQUET_TYPE = { int64: "BIGINT", float64: "DOUBLE", object: "VARCHAR" } as const;

async function generateTo(seed: number, threads: number): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-determinism-" });
  await generateHomeCredit({ outDir: dir, seed, applicants: 400, threads });
  return dir;
}

async function filesOf(dir: string): Promise<Uint8Array[]> {
  return await Promise.all(
    HOME_CREDIT_TABLES.map((table) => Deno.readFile(`${dir}/${table}.parquet`)),
  );
}

Deno.test("the same seed gives byte-identical parquet files on 1 and 2 threads", async () => {
  const one = await generateTo(FIXTURE_SEED, 1);
  const two = await generateTo(FIXTURE_SEED, 2);
  const [a, b] = [await filesOf(one), await filesOf(two)];
  for (const [i, table] of HOME_CREDIT_TABLES.entries()) assert.deepEqual(a[i], b[i], table);
  await Deno.remove(one, { recursive: true });
  await Deno.remove(two, { recursive: true });
});

Deno.test("a different seed gives different data in every table", async () => {
  const first = await generateTo(1, 2);
  const second = await generateTo(2, 2);
  const [a, b] = [await filesOf(first), await filesOf(second)];
  for (const [i, table] of HOME_CREDIT_TABLES.entries()) {
    assert.notDeepEqual(a[i], b[i], table);
  }
  await Deno.remove(first, { recursive: true });
  await Deno.remove(second, { recursive: true });
});

Deno.test("every table has the schema's column names, order and parquet types", async () => {
  for (const table of HOME_CREDIT_TABLES) {
    const described = await queryFixture(`DESCRIBE SELECT * FROM '{dir}/${table}.parquet'`);
    const expected = tableSchema(table).columns.map((c) => [c.name, PARQUET_TYPE[c.dtype]]);
    assert.deepEqual(described.map((r) => [r.column_name, r.column_type]), expected, table);
  }
});

Deno.test("keys are unique in every table that has one", async () => {
  for (const table of HOME_CREDIT_TABLES) {
    const key = tableSchema(table).key;
    if (key.length === 0) continue;
    const list = key.map(quoteIdent).join(", ");
    const [row] = await queryFixture(
      `SELECT count(*) AS n, count(DISTINCT (${list})) AS d FROM '{dir}/${table}.parquet'`,
    );
    assert.equal(row.n, row.d, table);
  }
});

Deno.test("every child row points at an existing parent with the same applicant", async () => {
  const orphans = await queryFixture(`
    SELECT 'bureau' AS t, count(*) AS n FROM '{dir}/bureau.parquet'
      WHERE SK_ID_CURR NOT IN (SELECT SK_ID_CURR FROM '{dir}/application_train.parquet')
    UNION ALL SELECT 'bureau_balance', count(*) FROM '{dir}/bureau_balance.parquet'
      WHERE SK_ID_BUREAU NOT IN (SELECT SK_ID_BUREAU FROM '{dir}/bureau.parquet')
    UNION ALL SELECT 'previous_application', count(*) FROM '{dir}/previous_application.parquet'
      WHERE SK_ID_CURR NOT IN (SELECT SK_ID_CURR FROM '{dir}/application_train.parquet')
    UNION ALL SELECT 'POS_CASH_balance', count(*) FROM '{dir}/POS_CASH_balance.parquet' c
      ANTI JOIN '{dir}/previous_application.parquet' p USING (SK_ID_PREV, SK_ID_CURR)
    UNION ALL SELECT 'installments_payments', count(*) FROM '{dir}/installments_payments.parquet' c
      ANTI JOIN '{dir}/previous_application.parquet' p USING (SK_ID_PREV, SK_ID_CURR)
    UNION ALL SELECT 'credit_card_balance', count(*) FROM '{dir}/credit_card_balance.parquet' c
      ANTI JOIN '{dir}/previous_application.parquet' p USING (SK_ID_PREV, SK_ID_CURR)
    ORDER BY t`);
  assert.deepEqual(orphans.map((r) => [r.t, r.n]), [
    ["POS_CASH_balance", 0],
    ["bureau", 0],
    ["bureau_balance", 0],
    ["credit_card_balance", 0],
    ["installments_payments", 0],
    ["previous_application", 0],
  ]);
});

Deno.test("child tables have about Kaggle's rows per applicant", async () => {
  const dir = await fixtureDir();
  for (const table of HOME_CREDIT_TABLES) {
    const [row] = await queryFixture(`SELECT count(*) AS n FROM '${dir}/${table}.parquet'`);
    const expected = tableSchema(table).rows * 3000 / 307511;
    const ratio = Number(row.n) / expected;
    assert.ok(ratio > 0.85 && ratio < 1.15, `${table}: ${row.n} rows, expected ~${expected}`);
  }
});

Deno.test("about 8% of applicants default", async () => {
  const [row] = await queryFixture(
    `SELECT avg(TARGET) AS rate, count(DISTINCT TARGET) AS levels ` +
      `FROM '{dir}/application_train.parquet'`,
  );
  assert.equal(row.levels, 2);
  assert.ok(Number(row.rate) > 0.065 && Number(row.rate) < 0.095, `rate ${row.rate}`);
});

Deno.test("the DAYS_EMPLOYED sentinel marks pensioners with no employer", async () => {
  const [row] = await queryFixture(`
    SELECT avg((DAYS_EMPLOYED = ${DAYS_SENTINEL})::INT) AS share,
      bool_and(ORGANIZATION_TYPE = 'XNA' AND NAME_INCOME_TYPE = 'Pensioner'
        AND OCCUPATION_TYPE IS NULL) FILTER (WHERE DAYS_EMPLOYED = ${DAYS_SENTINEL}) AS coherent,
      max(DAYS_EMPLOYED) FILTER (WHERE DAYS_EMPLOYED <> ${DAYS_SENTINEL}) AS max_other
    FROM '{dir}/application_train.parquet'`);
  assert.ok(Number(row.share) > 0.15 && Number(row.share) < 0.21, `share ${row.share}`);
  assert.equal(row.coherent, true);
  assert.ok(Number(row.max_other) <= 0);
});

Deno.test("missing rates follow the schema within 4 points", async () => {
  const dir = await fixtureDir();
  const off: string[] = [];
  for (const table of HOME_CREDIT_TABLES) {
    const columns = tableSchema(table).columns;
    const list = columns.map((c, i) => `avg((${quoteIdent(c.name)} IS NULL)::INT) AS m${i}`);
    const [row] = await queryFixture(`SELECT ${list.join(", ")} FROM '${dir}/${table}.parquet'`);
    columns.forEach((c, i) => {
      const rate = Number(row[`m${i}`]);
      if (Math.abs(rate - c.missingRate) > 0.04) off.push(`${table}.${c.name} ${rate}`);
    });
  }
  assert.deepEqual(off, []);
});

Deno.test("numbers stay within the schema's full-data ranges and categories within its levels", async () => {
  const dir = await fixtureDir();
  const problems: string[] = [];
  for (const table of HOME_CREDIT_TABLES) {
    const columns = tableSchema(table).columns;
    const counts = columns.map((c, i) => `count(*) FILTER (WHERE ${outOfRange(c)}) AS v${i}`);
    const [row] = await queryFixture(
      `SELECT ${counts.join(", ")} FROM '${dir}/${table}.parquet'`,
    );
    columns.forEach((c, i) => {
      if (Number(row[`v${i}`]) > 0) problems.push(`${table}.${c.name}: ${row[`v${i}`]}`);
    });
  }
  assert.deepEqual(problems, []);
});

function outOfRange(c: ColumnSchema): string {
  const col = quoteIdent(c.name);
  if (c.dtype === "object") {
    return `${col} NOT IN (${c.levels!.map(quoteLiteral).join(", ")})`;
  }
  const checks = [];
  if (c.min !== undefined) checks.push(`${col} < ${c.min}`);
  if (c.max !== undefined) checks.push(`${col} > ${c.max}`);
  return checks.length > 0 ? checks.join(" OR ") : "false";
}

Deno.test("defaulters pay instalments late and short more often", async () => {
  const rows = await queryFixture(`
    SELECT a.TARGET,
      avg((DAYS_ENTRY_PAYMENT > DAYS_INSTALMENT)::INT) AS late,
      avg((AMT_PAYMENT < AMT_INSTALMENT)::INT) AS short
    FROM '{dir}/installments_payments.parquet' JOIN '{dir}/application_train.parquet' a
      USING (SK_ID_CURR)
    GROUP BY a.TARGET ORDER BY a.TARGET`);
  assert.ok(Number(rows[1].late) > 1.3 * Number(rows[0].late), JSON.stringify(rows));
  assert.ok(Number(rows[1].short) > 1.3 * Number(rows[0].short), JSON.stringify(rows));
});

Deno.test("defaulters have more overdue bureau months and fuller credit cards", async () => {
  const rows = await queryFixture(`
    WITH bureau_dpd AS (
      SELECT b.SK_ID_CURR, avg((STATUS IN ('1', '2', '3', '4', '5'))::INT) AS dpd
      FROM '{dir}/bureau_balance.parquet' JOIN '{dir}/bureau.parquet' b USING (SK_ID_BUREAU)
      GROUP BY 1),
    card AS (
      SELECT SK_ID_CURR, avg(AMT_BALANCE / nullif(AMT_CREDIT_LIMIT_ACTUAL, 0)) AS use
      FROM '{dir}/credit_card_balance.parquet' GROUP BY 1)
    SELECT TARGET, avg(dpd) AS dpd, avg(use) AS use
    FROM '{dir}/application_train.parquet'
      LEFT JOIN bureau_dpd USING (SK_ID_CURR) LEFT JOIN card USING (SK_ID_CURR)
    GROUP BY TARGET ORDER BY TARGET`);
  assert.ok(Number(rows[1].dpd) > 1.3 * Number(rows[0].dpd), JSON.stringify(rows));
  assert.ok(Number(rows[1].use) > Number(rows[0].use), JSON.stringify(rows));
});

Deno.test("EXT_SOURCE_3 is lower and applicants younger among defaulters", async () => {
  const [row] = await queryFixture(`
    SELECT corr(EXT_SOURCE_3, TARGET) AS ext3, corr(DAYS_BIRTH, TARGET) AS birth
    FROM '{dir}/application_train.parquet'`);
  assert.ok(Number(row.ext3) < -0.05, `ext3 ${row.ext3}`);
  assert.ok(Number(row.birth) > 0.02, `birth ${row.birth}`);
});
