/**
 * The monthly and payment histories of previous credits: POS_CASH_balance,
 * installments_payments and credit_card_balance, one row per month or instalment of each
 * `hc_prev` row. Late payments (DAYS_ENTRY_PAYMENT > DAYS_INSTALMENT) and short payments
 * (AMT_PAYMENT < AMT_INSTALMENT) grow with z_h and the credit's "bad" flag; card
 * utilisation (AMT_BALANCE / AMT_CREDIT_LIMIT_ACTUAL) grows with z_h. Draws that only one
 * CASE arm reads are written in place (`uIn`, `nIn`), so only the rows reaching it pay for
 * them: these three tables hold most of the generated rows.
 */
import { createTableDraws, sigmoidSql, type SqlRandom } from "./sql_random.ts";
import type { TableSpec } from "./table_sql.ts";

const MONTH_KEYS = ["p", "k"];

/** Describes POS_CASH_balance. */
export function posCashSpec(random: SqlRandom): TableSpec {
  const { u, uIn, nIn, columns: draws } = createTableDraws(
    random,
    "POS_CASH_balance",
    MONTH_KEYS,
  );
  return {
    table: "POS_CASH_balance",
    from: "SELECT p, SK_ID_PREV, SK_ID_CURR, bad, pos_months, pos_end, pos_total, " +
      "unnest(range(pos_months)) AS k FROM hc_prev",
    keys: MONTH_KEYS,
    draws,
    layers: [{
      dpd: `CASE WHEN bad AND ${uIn("late")} < 0.25 THEN least(4231, 1 + round(exp(2.5 + 1.2 * ${
        nIn("dpd")
      }))) WHEN ${uIn("late_good")} < 0.003 THEN 1 + round(exp(1.0 + ${nIn("dpd")})) ELSE 0 END`,
    }],
    columns: {
      SK_ID_PREV: "SK_ID_PREV",
      SK_ID_CURR: "SK_ID_CURR",
      MONTHS_BALANCE: "-(pos_end + k)",
      CNT_INSTALMENT: "pos_total",
      CNT_INSTALMENT_FUTURE: "greatest(0, pos_total - (pos_months - k))",
      SK_DPD: "dpd",
      SK_DPD_DEF: `CASE WHEN ${u("dpd_def")} < 0.6 THEN dpd ELSE 0 END`,
    },
    missingGroup: (column) => column.startsWith("CNT_INSTALMENT") ? "instalments" : undefined,
  };
}

/** Describes installments_payments. */
export function installmentsSpec(random: SqlRandom): TableSpec {
  const { u, uIn, nIn, columns: draws } = createTableDraws(
    random,
    "installments_payments",
    MONTH_KEYS,
  );
  return {
    table: "installments_payments",
    from: "SELECT p, SK_ID_PREV, SK_ID_CURR, z_h, bad, instalment_start, instalment_amount, " +
      "unnest(range(instalments)) AS k FROM hc_prev",
    keys: MONTH_KEYS,
    draws,
    layers: [{
      due: "instalment_start + 30 * k",
      late: `${u("late")} < ${sigmoidSql("-2.4 + 0.9 * z_h + 1.2 * bad::INTEGER")}`,
      short: `${u("short")} < ${sigmoidSql("-3.0 + 0.9 * z_h + 1.0 * bad::INTEGER")}`,
    }],
    columns: {
      SK_ID_PREV: "SK_ID_PREV",
      SK_ID_CURR: "SK_ID_CURR",
      NUM_INSTALMENT_NUMBER: "k + 1",
      DAYS_INSTALMENT: "due",
      DAYS_ENTRY_PAYMENT: `CASE WHEN late THEN least(-1, due + 1 + round(exp(1.8 + 1.1 * ${
        nIn("delay")
      }))) ELSE greatest(-2941, due - round(-ln(${uIn("early")}) * 8)) END`,
      AMT_INSTALMENT: "instalment_amount",
      AMT_PAYMENT: `CASE WHEN short THEN round(instalment_amount * ${uIn("paid_share")}, 3) ` +
        `ELSE instalment_amount END`,
    },
    missingGroup: (column) =>
      column === "DAYS_ENTRY_PAYMENT" || column === "AMT_PAYMENT" ? "payment" : undefined,
  };
}

/** Describes credit_card_balance. */
export function creditCardSpec(random: SqlRandom): TableSpec {
  const { u, uIn, nIn, columns: draws } = createTableDraws(
    random,
    "credit_card_balance",
    MONTH_KEYS,
  );
  return {
    table: "credit_card_balance",
    from: "SELECT p, SK_ID_PREV, SK_ID_CURR, bad, card_months, card_end, card_limit, " +
      "card_use, unnest(range(card_months)) AS k FROM hc_prev",
    keys: MONTH_KEYS,
    draws,
    layers: [{
      idle: `${u("idle")} < 0.5`,
      atm_share: `${u("atm_share")} * 0.6`,
    }, {
      balance: `CASE WHEN idle THEN 0 ELSE round(card_limit * least(1.2, greatest(0, ` +
        `1.1 * card_use + 0.08 * ${nIn("use")})), 3) END`,
      drawings: `CASE WHEN idle THEN 0 ELSE floor(-ln(${uIn("drawings")}) * 2.0) END`,
    }, {
      drawn: `CASE WHEN drawings = 0 THEN 0 ELSE ` +
        `round(drawings * exp(ln(6000) + 0.8 * ${nIn("drawn")}), 2) END`,
      paid: `CASE WHEN idle THEN 0 ELSE round(balance * (0.02 + 0.3 * ${
        uIn("paid")
      } * (1 - card_use)), 2) END`,
      dpd: `CASE WHEN bad AND ${uIn("late")} < 0.2 THEN least(3260, 1 + round(exp(2.0 + ${
        nIn("dpd")
      }))) ELSE 0 END`,
    }],
    columns: {
      SK_ID_PREV: "SK_ID_PREV",
      SK_ID_CURR: "SK_ID_CURR",
      MONTHS_BALANCE: "-(card_end + k)",
      AMT_BALANCE: "balance",
      AMT_CREDIT_LIMIT_ACTUAL: "card_limit",
      AMT_DRAWINGS_ATM_CURRENT: "round(drawn * atm_share, 2)",
      AMT_DRAWINGS_CURRENT: "drawn",
      AMT_DRAWINGS_OTHER_CURRENT: "0",
      AMT_DRAWINGS_POS_CURRENT: "drawn - round(drawn * atm_share, 2)",
      AMT_INST_MIN_REGULARITY: "round(balance * 0.05, 2)",
      AMT_PAYMENT_CURRENT: "paid",
      AMT_PAYMENT_TOTAL_CURRENT: "paid",
      AMT_RECEIVABLE_PRINCIPAL: "round(balance * 0.96, 3)",
      AMT_RECIVABLE: "balance",
      AMT_TOTAL_RECEIVABLE: "balance",
      CNT_DRAWINGS_ATM_CURRENT: "round(drawings * atm_share)",
      CNT_DRAWINGS_CURRENT: "drawings",
      CNT_DRAWINGS_OTHER_CURRENT: "0",
      CNT_DRAWINGS_POS_CURRENT: "drawings - round(drawings * atm_share)",
      CNT_INSTALMENT_MATURE_CUM: "card_months - 1 - k",
      SK_DPD: "dpd",
      SK_DPD_DEF: `CASE WHEN ${u("dpd_def")} < 0.3 THEN dpd ELSE 0 END`,
    },
    missingGroup: (column) => {
      if (/^(AMT|CNT)_DRAWINGS_(ATM|OTHER|POS)_CURRENT$/.test(column)) return "drawing_split";
      if (column === "AMT_INST_MIN_REGULARITY" || column === "CNT_INSTALMENT_MATURE_CUM") {
        return "regularity";
      }
      return undefined;
    },
  };
}
