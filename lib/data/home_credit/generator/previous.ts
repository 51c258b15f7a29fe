/**
 * previous_application. Refusals grow with z_a + z_h; each previous credit is "bad"
 * with probability sigmoid(-2.6 + 1.1·z_h), which later drives late and short
 * installment payments, POS days past due and card arrears. Per previous credit the
 * frame also draws how many POS months, installments and card months it has.
 */
import { categoryWithoutSql, inverseCdfSql, type Knots, numericSql } from "./marginal.ts";
import {
  countSql,
  createTableDraws,
  normalCdfSql,
  sigmoidSql,
  type SqlRandom,
} from "./sql_random.ts";
import type { TableSpec } from "./table_sql.ts";
import { DAYS_SENTINEL } from "../../../contracts/home_credit_schema.ts";

const P = "previous_application";

/** Mean POS_CASH_balance months per previous application (10,001,358 / 1,670,214). */
export const POS_MONTHS_PER_PREVIOUS = 10001358 / 1670214;
/** Mean installment payments per previous application (13,605,401 / 1,670,214). */
export const INSTALMENTS_PER_PREVIOUS = 13605401 / 1670214;
/** Share of previous applications that are credit cards with monthly balances. */
export const CARD_SHARE = 0.062;
/** Mean card months per card (3,840,312 / (1,670,214 · CARD_SHARE)). */
export const MONTHS_PER_CARD = 3840312 / (1670214 * CARD_SHARE);

/**
 * Quartile knots for previous_application columns, whose schema entry gives only min and
 * max: assumed values close to the public describe() of the Kaggle table.
 */
export const PREVIOUS_ASSUMED_KNOTS: Readonly<Record<string, Knots>> = {
  AMT_APPLICATION: [0, 18720, 71046, 180360, 6905160],
  AMT_DOWN_PAYMENT: [-0.9, 0, 1638, 7740, 3060045],
  RATE_DOWN_PAYMENT: [0, 0, 0.0516, 0.1089, 1],
  RATE_INTEREST_PRIMARY: [0.03, 0.16, 0.189, 0.193, 1],
  RATE_INTEREST_PRIVILEGED: [0.37, 0.716, 0.835, 0.852, 1],
  DAYS_DECISION: [-2922, -1300, -581, -280, -1],
  HOUR_APPR_PROCESS_START: [0, 10, 12, 15, 23],
  SELLERPLACE_AREA: [-1, -1, 3, 82, 4000000],
  CNT_PAYMENT: [0, 6, 12, 24, 84],
};

/**
 * SQL creating `hc_prev_frame`, one row per previous application (its applicant's columns and
 * its key p), materialised for the same reason as `BUREAU_FRAME_SQL`.
 */
export const PREVIOUS_FRAME_SQL = "CREATE OR REPLACE TEMP TABLE hc_prev_frame AS " +
  "SELECT i, SK_ID_CURR, z_a, z_h, prev_offset + j AS p " +
  "FROM (SELECT *, unnest(range(n_prev)) AS j FROM hc_applicant)";

/** Describes previous_application, materialised as `hc_prev` with helper columns. */
export function previousSpec(random: SqlRandom): TableSpec {
  const keys = ["p"];
  const { u, n, columns: draws } = createTableDraws(random, P, keys);
  const knots = PREVIOUS_ASSUMED_KNOTS;
  const sentinelOr = (share: number, tag: string, value: string) =>
    `CASE WHEN ${u(tag)} < ${share} THEN ${DAYS_SENTINEL} ELSE ${value} END`;
  return {
    table: P,
    from: "SELECT i, SK_ID_CURR, z_a, z_h, p FROM hc_prev_frame",
    keys,
    draws,
    assumedKnots: knots,
    layers: [{
      status: `CASE WHEN ${u("refused")} < ${sigmoidSql("-1.9 + 0.5 * (z_a + z_h)")} ` +
        `THEN 'Refused' ELSE ${
          categoryWithoutSql(P, "NAME_CONTRACT_STATUS", ["Refused"], u("status"))
        } END`,
      bad: `${u("bad")} < ${sigmoidSql("-2.6 + 1.1 * z_h")}`,
      applied: `round(${inverseCdfSql(knots.AMT_APPLICATION, u("applied"))}, 1)`,
      payments: `round(${inverseCdfSql(knots.CNT_PAYMENT, u("payments"))})`,
      decision: `round(${inverseCdfSql(knots.DAYS_DECISION, u("decision"))})`,
      pos_months: countSql(u("pos_months"), POS_MONTHS_PER_PREVIOUS, 95),
      instalments: countSql(u("instalments"), INSTALMENTS_PER_PREVIOUS, 96),
      card_months: `CASE WHEN ${u("card")} < ${CARD_SHARE} THEN ` +
        `1 + ${countSql(u("card_months"), MONTHS_PER_CARD - 1, 94)} ELSE 0 END`,
      instalment_amount: `round(${
        numericSql("installments_payments", "AMT_INSTALMENT", u("instalment_amount"))
      }, 3)`,
      pos_total: `round(${numericSql("POS_CASH_balance", "CNT_INSTALMENT", u("pos_total"))})`,
      card_limit: `round(${
        numericSql("credit_card_balance", "AMT_CREDIT_LIMIT_ACTUAL", u("card_limit"))
      } / 22500) * 22500`,
      card_use: normalCdfSql(`0.8 * z_h + 0.6 * ${n("card_use")}`),
    }, {
      credited: `round(applied * (0.9 + 0.3 * ${u("credited")}), 1)`,
      first_due: `greatest(-2892, decision + round(30 * ${u("first_due")}))`,
    }],
    columns: {
      SK_ID_PREV: "1000001 + p",
      SK_ID_CURR: "SK_ID_CURR",
      NAME_CONTRACT_STATUS: "status",
      AMT_APPLICATION: "applied",
      AMT_CREDIT: "credited",
      AMT_GOODS_PRICE: "applied",
      AMT_ANNUITY: `least(418058.15, round(credited / greatest(payments, 1) * 1.15, 3))`,
      CNT_PAYMENT: "payments",
      DAYS_DECISION: "decision",
      NFLAG_LAST_APPL_IN_DAY: `CASE WHEN ${u("last_in_day")} < 0.9965 THEN 1 ELSE 0 END`,
      DAYS_FIRST_DRAWING: sentinelOr(0.96, "drawing", "decision + round(10 * " + u("d") + ")"),
      DAYS_FIRST_DUE: sentinelOr(0.025, "first_due_sentinel", "first_due"),
      DAYS_LAST_DUE_1ST_VERSION: sentinelOr(
        0.056,
        "last_due_1st",
        "greatest(-2801, first_due + 30 * payments)",
      ),
      DAYS_LAST_DUE: sentinelOr(
        0.21,
        "last_due",
        "greatest(-2889, least(0, first_due + 30 * payments))",
      ),
      DAYS_TERMINATION: sentinelOr(
        0.22,
        "termination",
        "greatest(-2874, least(0, first_due + 30 * payments + 3))",
      ),
      NFLAG_INSURED_ON_APPROVAL: `CASE WHEN ${u("insured")} < 0.33 THEN 1 ELSE 0 END`,
    },
    missingGroup: (column) => {
      if (column === "AMT_ANNUITY" || column === "CNT_PAYMENT") return "payment_plan";
      if (column.endsWith("DOWN_PAYMENT")) return "down_payment";
      if (column.startsWith("RATE_INTEREST_")) return "interest";
      if (/^DAYS_(FIRST|LAST|TERMINATION)/.test(column)) return "due_dates";
      if (column === "NFLAG_INSURED_ON_APPROVAL") return "due_dates";
      return undefined;
    },
    extra: {
      p: "p",
      z_h: "z_h",
      bad: "bad",
      pos_months: "pos_months",
      pos_end: `least(96 - pos_months, 1 + floor(${u("pos_end")} * 24))`,
      pos_total: "pos_total",
      instalments: "instalments",
      instalment_start: `greatest(-2922, -30 * instalments - floor(${u("start")} * 1500))`,
      instalment_amount: "instalment_amount",
      card_months: "card_months",
      card_end: `least(96 - card_months, 1 + floor(${u("card_end")} * 12))`,
      card_limit: "card_limit",
      card_use: "card_use",
    },
  };
}
