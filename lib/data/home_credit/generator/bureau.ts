/**
 * bureau and bureau_balance. Each credit is "bad" with probability sigmoid(-2.6 + 1.2·z_h);
 * bad active credits show days overdue and overdue amounts, bad credits have a larger
 * maximum overdue and their monthly statuses fall into DPD buckets 1–5 far more often.
 */
import { categorySql, categoryWithoutSql, numericSql } from "./marginal.ts";
import { countSql, createTableDraws, sigmoidSql, type SqlRandom } from "./sql_random.ts";
import type { TableSpec } from "./table_sql.ts";

/** Mean bureau_balance months per bureau credit (27,299,925 / 1,716,428). */
export const MONTHS_PER_BUREAU_CREDIT = 27299925 / 1716428;

const B = "bureau";
const BB = "bureau_balance";

/**
 * SQL creating `hc_bureau_frame`, one row per bureau credit (its applicant's columns and its
 * key b). Materialised so the wide bureau query scans many row groups in parallel rather than
 * the applicant table's few (3 at Kaggle scale, the last half full); same rows, same order.
 */
export const BUREAU_FRAME_SQL = "CREATE OR REPLACE TEMP TABLE hc_bureau_frame AS " +
  "SELECT i, SK_ID_CURR, z_h, bureau_offset + j AS b " +
  "FROM (SELECT *, unnest(range(n_bureau)) AS j FROM hc_applicant)";

/** Describes bureau, materialised as `hc_bureau` with helper columns for its months. */
export function bureauSpec(random: SqlRandom): TableSpec {
  const keys = ["b"];
  const { u, n, columns: draws } = createTableDraws(random, B, keys);
  return {
    table: B,
    from: "SELECT i, SK_ID_CURR, z_h, b FROM hc_bureau_frame",
    keys,
    draws,
    layers: [{
      active: categoryWithoutSql(B, "CREDIT_ACTIVE", [], u("active")),
      bad: `${u("bad")} < ${sigmoidSql("-2.6 + 1.2 * z_h")}`,
      days_credit: `round(${numericSql(B, "DAYS_CREDIT", u("days_credit"))})`,
      amount: `round(${numericSql(B, "AMT_CREDIT_SUM", u("amount"))}, 2)`,
      months: countSql(u("months"), MONTHS_PER_BUREAU_CREDIT, 96),
    }, {
      overdue_days: `CASE WHEN active = 'Active' AND bad AND ${u("overdue")} < 0.15 ` +
        `THEN least(2792, 1 + round(exp(3.0 + 1.3 * ${n("overdue_days")}))) ELSE 0 END`,
      month_end: `CASE WHEN active = 'Active' THEN 0 ELSE ` +
        `least(96 - months, floor(${u("month_end")} * 36)) END`,
    }],
    columns: {
      SK_ID_CURR: "SK_ID_CURR",
      SK_ID_BUREAU: "5000000 + b",
      CREDIT_ACTIVE: "active",
      DAYS_CREDIT: "days_credit",
      CREDIT_DAY_OVERDUE: "overdue_days",
      DAYS_CREDIT_ENDDATE: `least(31199, days_credit + round(exp(ln(700) + 0.8 * ${
        n("duration")
      })))`,
      DAYS_ENDDATE_FACT: `CASE WHEN active = 'Active' THEN NULL ELSE ` +
        `least(0, days_credit + round(exp(ln(500) + 0.8 * ${n("closed_after")}))) END`,
      AMT_CREDIT_MAX_OVERDUE: `CASE WHEN bad THEN round(amount * 0.2 * ${u("max_overdue")}, 2) ` +
        `WHEN ${u("max_overdue_small")} < 0.05 THEN round(5000 * ${u("max_overdue")}, 2) ` +
        `ELSE 0 END`,
      AMT_CREDIT_SUM: "amount",
      AMT_CREDIT_SUM_DEBT: `CASE WHEN active = 'Active' THEN round(amount * ${u("debt")}, 2) ` +
        `ELSE 0 END`,
      AMT_CREDIT_SUM_OVERDUE: `CASE WHEN overdue_days > 0 THEN round(amount * 0.1 * ${
        u("overdue_amount")
      }, 2) ELSE 0 END`,
    },
    ownMissing: ["DAYS_ENDDATE_FACT"],
    extra: { b: "b", bad: "bad", months: "months", month_end: "month_end" },
  };
}

/** Kaggle counts of the DPD statuses, the rare part of bureau_balance.STATUS. */
const DPD_LEVELS = ["1", "5", "2", "3", "4"];
const DPD_COUNTS = [242347, 62406, 23419, 8924, 5847];

/** Describes bureau_balance: one row per month of each credit in `hc_bureau`. */
export function bureauBalanceSpec(random: SqlRandom): TableSpec {
  const keys = ["b", "k"];
  // Each draw is read by one CASE arm only: in place, so rows stopping earlier skip it.
  const { uIn, columns: draws } = createTableDraws(random, BB, keys);
  return {
    table: BB,
    from: "SELECT b, SK_ID_BUREAU, CREDIT_ACTIVE, bad, months, month_end, " +
      "unnest(range(months)) AS k FROM hc_bureau",
    keys,
    draws,
    columns: {
      SK_ID_BUREAU: "SK_ID_BUREAU",
      MONTHS_BALANCE: "-(month_end + k)",
      STATUS: `CASE WHEN CREDIT_ACTIVE <> 'Active' AND k < months * 0.8 THEN 'C' ` +
        `WHEN ${uIn("unknown")} < 0.4 THEN 'X' ` +
        `WHEN ${uIn("late")} < CASE WHEN bad THEN 0.2 ELSE 0.008 END THEN ${
          categorySql(DPD_LEVELS, DPD_COUNTS, uIn("bucket"))
        } ELSE '0' END`,
    },
  };
}
