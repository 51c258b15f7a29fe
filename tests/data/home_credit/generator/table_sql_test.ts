import assert from "node:assert/strict";
import { tableSql } from "../../../../lib/data/home_credit/generator/table_sql.ts";
import { createSqlRandom } from "../../../../lib/data/home_credit/generator/sql_random.ts";
import { openDuckDb, queryRows } from "../../../../lib/duckdb/mod.ts";

Deno.test("a rule for a column the schema does not have is refused", () => {
  assert.throws(
    () =>
      tableSql(
        { table: "bureau_balance", from: "SELECT 1 AS b", keys: ["b"], columns: { SK_ID: "1" } },
        createSqlRandom(1),
      ),
    /Cannot generate bureau_balance: rule for unknown column "SK_ID"/,
  );
});

Deno.test("rules, layers and marginals give every schema column in order and type", async () => {
  const sql = tableSql({
    table: "bureau_balance",
    from: "SELECT range AS b FROM range(100000)",
    keys: ["b"],
    layers: [{ month: "-(b % 12)" }],
    columns: { SK_ID_BUREAU: "5000000 + b", MONTHS_BALANCE: "month" },
  }, createSqlRandom(1));
  const conn = await openDuckDb({ threads: 1 });
  const described = await queryRows(conn, `DESCRIBE ${sql}`);
  assert.deepEqual(described.map((r) => [r.column_name, r.column_type]), [
    ["SK_ID_BUREAU", "BIGINT"],
    ["MONTHS_BALANCE", "BIGINT"],
    ["STATUS", "VARCHAR"],
  ]);
  const [row] = await queryRows(
    conn,
    `SELECT min(SK_ID_BUREAU) AS lo, min(MONTHS_BALANCE) AS month, ` +
      `count(DISTINCT STATUS) AS levels FROM (${sql})`,
  );
  conn.closeSync();
  assert.deepEqual(row, { lo: 5000000, month: -11, levels: 8 });
});

Deno.test("columns of a missing group go missing together", async () => {
  const sql = tableSql({
    table: "previous_application",
    from: "SELECT range AS p FROM range(5000)",
    keys: ["p"],
    assumedKnots: { CNT_PAYMENT: [0, 6, 12, 24, 84] },
    columns: {
      SK_ID_PREV: "p",
      SK_ID_CURR: "p",
      AMT_ANNUITY: "1.0",
      AMT_APPLICATION: "0",
      AMT_CREDIT: "0",
      AMT_DOWN_PAYMENT: "0",
      AMT_GOODS_PRICE: "0",
      HOUR_APPR_PROCESS_START: "0",
      NFLAG_LAST_APPL_IN_DAY: "1",
      RATE_DOWN_PAYMENT: "0",
      RATE_INTEREST_PRIMARY: "0",
      RATE_INTEREST_PRIVILEGED: "0",
      DAYS_DECISION: "-1",
      SELLERPLACE_AREA: "0",
      DAYS_FIRST_DRAWING: "0",
      DAYS_FIRST_DUE: "0",
      DAYS_LAST_DUE_1ST_VERSION: "0",
      DAYS_LAST_DUE: "0",
      DAYS_TERMINATION: "0",
      NFLAG_INSURED_ON_APPROVAL: "0",
    },
    missingGroup: (c) => c === "AMT_ANNUITY" || c === "CNT_PAYMENT" ? "plan" : undefined,
  }, createSqlRandom(1));
  const conn = await openDuckDb({ threads: 1 });
  const [row] = await queryRows(
    conn,
    `SELECT count(*) FILTER (WHERE (AMT_ANNUITY IS NULL) <> (CNT_PAYMENT IS NULL)) AS apart, ` +
      `avg((AMT_ANNUITY IS NULL)::INT) AS rate FROM (${sql})`,
  );
  conn.closeSync();
  // Schema rates: AMT_ANNUITY 0.22287, CNT_PAYMENT 0.22286; one draw serves both.
  assert.ok(Number(row.apart) <= 1, `apart ${row.apart}`);
  assert.ok(Math.abs(Number(row.rate) - 0.22287) < 0.02, `rate ${row.rate}`);
});
