/**
 * Hand-written refinements of the derived Home Credit contracts, where the meaning of a
 * column is sharper than its observed extremes (scores in [0, 1], hours of the day,
 * day counts that are never positive, amounts and counts that are never negative).
 * `undefined` removes a derived bound.
 */
import type { TableName } from "./home_credit_schema.ts";
import type { ColumnContract } from "./types.ts";

type Refinement = Partial<Pick<ColumnContract, "min" | "max" | "sentinels">>;

const SCORE = { min: 0, max: 1 };
const HOUR = { min: 0, max: 23 };
const NOT_NEGATIVE = { min: 0 };
const NOT_POSITIVE = { max: 0 };
/** Sentinel day counts: the derived minimum stands, positive future dates are allowed. */
const SENTINEL_DAYS = { max: undefined };

/** Per table, per column: bounds that replace the derived ones. */
export const HOME_CREDIT_REFINEMENTS: Partial<Record<TableName, Record<string, Refinement>>> = {
  application_train: {
    EXT_SOURCE_1: SCORE,
    EXT_SOURCE_2: SCORE,
    EXT_SOURCE_3: SCORE,
    HOUR_APPR_PROCESS_START: HOUR,
    REGION_RATING_CLIENT: { min: 1, max: 3 },
    REGION_RATING_CLIENT_W_CITY: { min: 1, max: 3 },
    DAYS_EMPLOYED: NOT_POSITIVE,
  },
  bureau: {
    // Kaggle holds negative debts; the schema gives no minimum.
    AMT_CREDIT_SUM_DEBT: { min: undefined },
  },
  bureau_balance: { MONTHS_BALANCE: NOT_POSITIVE },
  previous_application: {
    HOUR_APPR_PROCESS_START: HOUR,
    // "-0.0" in the schema is a tiny negative rounded for print.
    RATE_DOWN_PAYMENT: { min: -0.01, max: 1 },
    RATE_INTEREST_PRIMARY: SCORE,
    RATE_INTEREST_PRIVILEGED: SCORE,
    DAYS_FIRST_DRAWING: SENTINEL_DAYS,
    DAYS_FIRST_DUE: SENTINEL_DAYS,
    DAYS_LAST_DUE_1ST_VERSION: SENTINEL_DAYS,
    DAYS_LAST_DUE: SENTINEL_DAYS,
    DAYS_TERMINATION: SENTINEL_DAYS,
  },
  POS_CASH_balance: {
    MONTHS_BALANCE: NOT_POSITIVE,
    CNT_INSTALMENT: NOT_NEGATIVE,
    CNT_INSTALMENT_FUTURE: NOT_NEGATIVE,
    SK_DPD: NOT_NEGATIVE,
    SK_DPD_DEF: NOT_NEGATIVE,
  },
  installments_payments: {
    NUM_INSTALMENT_VERSION: NOT_NEGATIVE,
    NUM_INSTALMENT_NUMBER: NOT_NEGATIVE,
    DAYS_INSTALMENT: NOT_POSITIVE,
    DAYS_ENTRY_PAYMENT: NOT_POSITIVE,
    AMT_INSTALMENT: NOT_NEGATIVE,
    AMT_PAYMENT: NOT_NEGATIVE,
  },
  credit_card_balance: {
    MONTHS_BALANCE: NOT_POSITIVE,
    AMT_CREDIT_LIMIT_ACTUAL: NOT_NEGATIVE,
    AMT_INST_MIN_REGULARITY: NOT_NEGATIVE,
    AMT_PAYMENT_CURRENT: NOT_NEGATIVE,
    AMT_PAYMENT_TOTAL_CURRENT: NOT_NEGATIVE,
    CNT_DRAWINGS_ATM_CURRENT: NOT_NEGATIVE,
    CNT_DRAWINGS_CURRENT: NOT_NEGATIVE,
    CNT_DRAWINGS_OTHER_CURRENT: NOT_NEGATIVE,
    CNT_DRAWINGS_POS_CURRENT: NOT_NEGATIVE,
    CNT_INSTALMENT_MATURE_CUM: NOT_NEGATIVE,
    SK_DPD: NOT_NEGATIVE,
    SK_DPD_DEF: NOT_NEGATIVE,
  },
};
