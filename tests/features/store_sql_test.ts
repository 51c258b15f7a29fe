import assert from "node:assert/strict";
import { type DuckDBConnection, openDuckDb, queryRows } from "../../lib/duckdb/mod.ts";
import { isCountFeature, loadAggregateGroups } from "../../lib/features/aggregates.ts";
import {
  createFeatureMacros,
  homeCreditManifest,
  homeCreditStoreSql,
} from "../../lib/features/store_sql.ts";
import { createFixtureTable } from "./fixture.ts";

// Three applicants: 1 has bureau, previous and instalment history; 2 has bureau, POS
// and credit card history; 3 has none.
async function buildFixtureStore(): Promise<Map<number, Record<string, unknown>>> {
  const conn: DuckDBConnection = await openDuckDb({ threads: 1 });
  await createFixtureTable(conn, "application_train", [
    { SK_ID_CURR: 1, TARGET: 0, AMT_CREDIT: 1000, AMT_INCOME_TOTAL: 500 },
    { SK_ID_CURR: 2, TARGET: 1 },
    { SK_ID_CURR: 3, TARGET: 0 },
  ]);
  const credit = (id: number, bureauId: number, active: string, values: number[], type: string) => {
    const [
      days,
      overdueDays,
      end,
      maxOverdue,
      prolong,
      sum,
      debt,
      limit,
      overdue,
      update,
      annuity,
    ] = values;
    return {
      SK_ID_CURR: id,
      SK_ID_BUREAU: bureauId,
      CREDIT_ACTIVE: active,
      DAYS_CREDIT: days,
      CREDIT_DAY_OVERDUE: overdueDays,
      DAYS_CREDIT_ENDDATE: end,
      AMT_CREDIT_MAX_OVERDUE: Number.isNaN(maxOverdue) ? null : maxOverdue,
      CNT_CREDIT_PROLONG: prolong,
      AMT_CREDIT_SUM: sum,
      AMT_CREDIT_SUM_DEBT: debt,
      AMT_CREDIT_SUM_LIMIT: Number.isNaN(limit) ? null : limit,
      AMT_CREDIT_SUM_OVERDUE: overdue,
      CREDIT_TYPE: type,
      DAYS_CREDIT_UPDATE: update,
      AMT_ANNUITY: Number.isNaN(annuity) ? null : annuity,
    };
  };
  await createFixtureTable(conn, "bureau", [
    credit(1, 10, "Active", [-100, 0, 200, NaN, 0, 1000, 400, NaN, 0, -10, 50], "Consumer credit"),
    credit(1, 11, "Closed", [-500, 0, -50, 30, 1, 3000, 0, 0, 0, -40, NaN], "Credit card"),
    credit(
      2,
      20,
      "Active",
      [-300, 15, 100, 200, 0, 2000, 1500, NaN, 300, -5, 100],
      "Consumer credit",
    ),
  ]);
  const months = (bureauId: number, statuses: string[]) =>
    statuses.map((STATUS, i) => ({ SK_ID_BUREAU: bureauId, MONTHS_BALANCE: -i, STATUS }));
  await createFixtureTable(conn, "bureau_balance", [
    ...months(10, ["0", "1", "X", "C"]),
    ...months(11, ["C", "C"]),
    ...months(20, ["2", "1", "0"]),
    ...months(99, ["5"]),
  ]);
  await createFixtureTable(conn, "previous_application", [
    {
      SK_ID_PREV: 100,
      SK_ID_CURR: 1,
      NAME_CONTRACT_STATUS: "Approved",
      AMT_APPLICATION: 900,
      AMT_CREDIT: 1000,
      AMT_ANNUITY: 100,
      CNT_PAYMENT: 12,
      DAYS_DECISION: -400,
      DAYS_TERMINATION: 365243,
    },
    {
      SK_ID_PREV: 101,
      SK_ID_CURR: 1,
      NAME_CONTRACT_STATUS: "Refused",
      AMT_APPLICATION: 500,
      AMT_CREDIT: 0,
      DAYS_DECISION: -100,
      DAYS_TERMINATION: -20,
    },
    {
      SK_ID_PREV: 102,
      SK_ID_CURR: 1,
      NAME_CONTRACT_STATUS: "Canceled",
      AMT_APPLICATION: 0,
      AMT_CREDIT: 0,
      DAYS_DECISION: -50,
    },
  ]);
  const pos = (prev: number, month: number, status: string, cnt: number[]) => ({
    SK_ID_PREV: prev,
    SK_ID_CURR: 2,
    MONTHS_BALANCE: month,
    NAME_CONTRACT_STATUS: status,
    CNT_INSTALMENT: cnt[0],
    CNT_INSTALMENT_FUTURE: cnt[1],
    SK_DPD: cnt[2],
    SK_DPD_DEF: cnt[3],
  });
  await createFixtureTable(conn, "POS_CASH_balance", [
    pos(200, -3, "Active", [10, 10, 0, 0]),
    pos(200, -2, "Active", [10, 9, 5, 0]),
    pos(200, -1, "Completed", [10, 0, 0, 0]),
    pos(201, -1, "Active", [4, 3, 0, 0]),
    pos(201, 0, "Active", [4, 2, 40, 10]),
  ]);
  const payment = (
    prev: number,
    due: number,
    paid: number | null,
    amount: number,
    paidAmount: number | null,
  ) => ({
    SK_ID_PREV: prev,
    SK_ID_CURR: 1,
    NUM_INSTALMENT_NUMBER: 1,
    DAYS_INSTALMENT: due,
    DAYS_ENTRY_PAYMENT: paid,
    AMT_INSTALMENT: amount,
    AMT_PAYMENT: paidAmount,
  });
  await createFixtureTable(conn, "installments_payments", [
    payment(100, -60, -65, 100, 100),
    payment(100, -30, -20, 100, 60),
    payment(101, -10, null, 50, null),
  ]);
  const card = (prev: number, month: number, v: (number | null)[]) => ({
    SK_ID_PREV: prev,
    SK_ID_CURR: 2,
    MONTHS_BALANCE: month,
    AMT_BALANCE: v[0],
    AMT_CREDIT_LIMIT_ACTUAL: v[1],
    AMT_DRAWINGS_CURRENT: v[2],
    AMT_DRAWINGS_ATM_CURRENT: v[3],
    CNT_DRAWINGS_CURRENT: v[4],
    AMT_PAYMENT_CURRENT: v[5],
    AMT_INST_MIN_REGULARITY: v[6],
    AMT_TOTAL_RECEIVABLE: v[7],
    SK_DPD: v[8],
  });
  await createFixtureTable(conn, "credit_card_balance", [
    card(300, -2, [500, 1000, 100, 100, 1, 50, 25, 500, 0]),
    card(300, -1, [900, 1000, 400, 0, 2, 0, 45, 900, 3]),
    card(301, -1, [0, 0, 0, null, 0, null, 0, 0, 0]),
  ]);
  await createFeatureMacros(conn);
  const rows = await queryRows(conn, homeCreditStoreSql(loadAggregateGroups()));
  conn.closeSync();
  return new Map(rows.map((row) => [row.SK_ID_CURR as number, row]));
}

const store = await buildFixtureStore();

function pick(id: number, prefix: string): Record<string, unknown> {
  const row = store.get(id)!;
  return Object.fromEntries(Object.entries(row).filter(([name]) => name.startsWith(prefix)));
}

Deno.test("bureau aggregates match hand-computed values", () => {
  assert.deepEqual(pick(1, "BURO_"), {
    BURO_CREDIT_COUNT: 2,
    BURO_ACTIVE_COUNT: 1,
    BURO_CLOSED_COUNT: 1,
    BURO_BAD_DEBT_COUNT: 0,
    BURO_OVERDUE_COUNT: 0,
    BURO_CREDIT_TYPE_COUNT: 2,
    BURO_ACTIVE_SHARE: 0.5,
    BURO_OVERDUE_SHARE: 0,
    BURO_DAYS_CREDIT_MIN: -500,
    BURO_DAYS_CREDIT_MAX: -100,
    BURO_DAYS_CREDIT_MEAN: -300,
    BURO_DAYS_CREDIT_ENDDATE_MAX: 200,
    BURO_DAYS_CREDIT_UPDATE_MEAN: -25,
    BURO_CREDIT_DAY_OVERDUE_MAX: 0,
    BURO_CREDIT_DAY_OVERDUE_MEAN: 0,
    BURO_AMT_CREDIT_MAX_OVERDUE_MAX: 30,
    BURO_CNT_CREDIT_PROLONG_SUM: 1,
    BURO_AMT_CREDIT_SUM_SUM: 4000,
    BURO_AMT_CREDIT_SUM_MEAN: 2000,
    BURO_AMT_CREDIT_SUM_MAX: 3000,
    BURO_AMT_CREDIT_SUM_DEBT_SUM: 400,
    BURO_AMT_CREDIT_SUM_DEBT_MEAN: 200,
    BURO_AMT_CREDIT_SUM_LIMIT_SUM: 0,
    BURO_AMT_CREDIT_SUM_OVERDUE_SUM: 0,
    BURO_AMT_ANNUITY_MEAN: 50,
    BURO_ACTIVE_DEBT_SUM: 400,
    BURO_ACTIVE_CREDIT_SUM: 1000,
    BURO_DEBT_CREDIT_RATIO: 0.1,
    BURO_OVERDUE_DEBT_RATIO: 0,
    BURO_BALANCE_MONTHS_MEAN: 3,
    BURO_BALANCE_DPD_SHARE_MEAN: 0.125,
    BURO_BALANCE_CLOSED_SHARE_MEAN: 0.625,
    BURO_BALANCE_UNKNOWN_SHARE_MEAN: 0.125,
    BURO_BALANCE_WORST_STATUS_MAX: 1,
  });
});

Deno.test("bureau ratios, overdue flags and balance shares of a single credit", () => {
  const row = pick(2, "BURO_");
  assert.equal(row.BURO_OVERDUE_COUNT, 1);
  assert.equal(row.BURO_DEBT_CREDIT_RATIO, 0.75);
  assert.equal(row.BURO_OVERDUE_DEBT_RATIO, 0.2);
  assert.equal(row.BURO_AMT_CREDIT_SUM_LIMIT_SUM, null);
  assert.equal(row.BURO_BALANCE_DPD_SHARE_MEAN, 2 / 3);
  assert.equal(row.BURO_BALANCE_WORST_STATUS_MAX, 2);
});

Deno.test("previous application counts, shares and ratios match hand-computed values", () => {
  const row = pick(1, "PREV_");
  assert.equal(row.PREV_APPLICATION_COUNT, 3);
  assert.equal(row.PREV_APPROVED_COUNT, 1);
  assert.equal(row.PREV_REFUSED_COUNT, 1);
  assert.equal(row.PREV_CANCELED_COUNT, 1);
  assert.equal(row.PREV_APPROVED_SHARE, 1 / 3);
  assert.equal(row.PREV_REFUSED_SHARE, 1 / 3);
  assert.equal(row.PREV_AMT_APPLICATION_MEAN, 1400 / 3);
  assert.equal(row.PREV_APP_CREDIT_RATIO_MEAN, 0.9);
  assert.equal(row.PREV_APP_CREDIT_RATIO_MIN, 0.9);
  assert.equal(row.PREV_INTEREST_SHARE_MEAN, 0.2);
  assert.equal(row.PREV_APPROVED_AMT_CREDIT_SUM, 1000);
  assert.equal(row.PREV_REFUSED_AMT_APPLICATION_MEAN, 500);
  assert.equal(row.PREV_DAYS_DECISION_MEAN, -550 / 3);
  assert.equal(row.PREV_DAYS_TERMINATION_MAX, -20);
});

Deno.test("POS cash aggregates match hand-computed values", () => {
  assert.deepEqual(pick(2, "POS_"), {
    POS_MONTH_COUNT: 5,
    POS_LOAN_COUNT: 2,
    POS_COMPLETED_COUNT: 1,
    POS_COMPLETED_SHARE: 0.5,
    POS_REMAINING_SHARE_MEAN: 0.25,
    POS_MONTHS_BALANCE_MIN: -3,
    POS_MONTHS_BALANCE_MAX: 0,
    POS_SK_DPD_MAX: 40,
    POS_SK_DPD_MEAN: 9,
    POS_SK_DPD_DEF_MAX: 10,
    POS_SK_DPD_DEF_MEAN: 2,
    POS_DPD_MONTH_SHARE: 0.4,
    POS_DPD_DEF_MONTH_SHARE: 0.2,
    POS_CNT_INSTALMENT_FUTURE_MEAN: 4.8,
  });
});

Deno.test("late and short instalment payments match hand-computed values", () => {
  assert.deepEqual(pick(1, "INST_"), {
    INST_PAYMENT_COUNT: 3,
    INST_LOAN_COUNT: 2,
    INST_LATE_COUNT: 1,
    INST_SHORT_COUNT: 1,
    INST_LATE_SHARE: 0.5,
    INST_SHORT_SHARE: 0.5,
    INST_DAYS_LATE_MAX: 10,
    INST_DAYS_LATE_MEAN: 5,
    INST_DAYS_LATE_SUM: 10,
    INST_DAYS_EARLY_MEAN: 2.5,
    INST_AMT_SHORT_SUM: 40,
    INST_AMT_SHORT_MEAN: 20,
    INST_PAID_RATIO_MEAN: 0.8,
    INST_PAID_RATIO_MIN: 0.6,
    INST_AMT_INSTALMENT_SUM: 250,
    INST_AMT_PAYMENT_SUM: 160,
    INST_PAID_TOTAL_RATIO: 0.64,
    INST_DAYS_ENTRY_PAYMENT_MAX: -20,
  });
});

Deno.test("credit card utilisation, drawings and days past due match hand-computed values", () => {
  assert.deepEqual(pick(2, "CC_"), {
    CC_MONTH_COUNT: 3,
    CC_CARD_COUNT: 2,
    CC_UTILISATION_MEAN: (0.5 + 0.9) / 2,
    CC_UTILISATION_MAX: 0.9,
    CC_UTILISATION_LATEST_MEAN: 0.9,
    CC_AMT_BALANCE_MEAN: 1400 / 3,
    CC_AMT_BALANCE_MAX: 900,
    CC_AMT_CREDIT_LIMIT_MEAN: 2000 / 3,
    CC_AMT_DRAWINGS_MEAN: 500 / 3,
    CC_AMT_DRAWINGS_SUM: 500,
    CC_AMT_DRAWINGS_ATM_MEAN: 50,
    CC_CNT_DRAWINGS_MEAN: 1,
    CC_DRAWING_LIMIT_RATIO_MEAN: 0.25,
    CC_PAYMENT_MIN_RATIO_MEAN: 1,
    CC_AMT_TOTAL_RECEIVABLE_MEAN: 1400 / 3,
    CC_SK_DPD_MAX: 3,
    CC_SK_DPD_MEAN: 1,
    CC_DPD_MONTH_SHARE: 1 / 3,
  });
});

Deno.test("an applicant without history gets 0 for counts and null for everything else", () => {
  const row = store.get(3)!;
  const history = Object.keys(row).filter((name) => /^(BURO|PREV|POS|INST|CC)_/.test(name));
  assert.ok(history.length > 90);
  for (const name of history) assert.equal(row[name], isCountFeature(name) ? 0 : null, name);
});

Deno.test("the store has one row per applicant with key, target and manifest columns in order", () => {
  const manifest = homeCreditManifest(loadAggregateGroups());
  const names = Object.keys(store.get(1)!);
  assert.deepEqual(names, ["SK_ID_CURR", "TARGET", ...manifest.features.map((f) => f.name)]);
  assert.deepEqual([...store.keys()], [1, 2, 3]);
  assert.equal(store.get(1)!.CREDIT_INCOME_RATIO, 2);
});
