-- Per-applicant aggregates of monthly credit card balances (credit_card_balance):
-- utilisation (balance over limit), drawings, payments and days past due.
-- Reads the view `credit_card_balance`; one row per SK_ID_CURR with history.
-- Feature columns are written `<expr> AS NAME, -- description`; *_COUNT features are 0
-- for applicants without history, all others NULL. safe_div(n, d) is NULL when d = 0;
-- exact_sum/exact_avg add in DECIMAL(38, 18), so no result depends on thread scheduling.
WITH months AS (
  SELECT
    *,
    safe_div(AMT_BALANCE, AMT_CREDIT_LIMIT_ACTUAL) AS utilisation,
    safe_div(AMT_DRAWINGS_CURRENT, AMT_CREDIT_LIMIT_ACTUAL) AS drawing_share,
    safe_div(AMT_PAYMENT_CURRENT, AMT_INST_MIN_REGULARITY) AS payment_min_ratio
  FROM credit_card_balance
),
cards AS (
  SELECT SK_ID_CURR, SK_ID_PREV, arg_max_null(utilisation, MONTHS_BALANCE) AS latest_utilisation
  FROM months
  GROUP BY SK_ID_CURR, SK_ID_PREV
),
per_card AS (
  SELECT SK_ID_CURR, count(*) AS cards, exact_avg(latest_utilisation) AS latest_utilisation_mean
  FROM cards
  GROUP BY SK_ID_CURR
),
per_month AS (
  SELECT
    SK_ID_CURR,
    count(*) AS months,
    exact_avg(utilisation) AS utilisation_mean,
    max(utilisation) AS utilisation_max,
    exact_avg(AMT_BALANCE) AS balance_mean,
    max(AMT_BALANCE) AS balance_max,
    exact_avg(AMT_CREDIT_LIMIT_ACTUAL) AS limit_mean,
    exact_avg(AMT_DRAWINGS_CURRENT) AS drawings_mean,
    exact_sum(AMT_DRAWINGS_CURRENT) AS drawings_sum,
    exact_avg(AMT_DRAWINGS_ATM_CURRENT) AS drawings_atm_mean,
    exact_avg(CNT_DRAWINGS_CURRENT) AS drawing_count_mean,
    exact_avg(drawing_share) AS drawing_share_mean,
    exact_avg(payment_min_ratio) AS payment_min_ratio_mean,
    exact_avg(AMT_TOTAL_RECEIVABLE) AS receivable_mean,
    max(SK_DPD) AS dpd_max,
    exact_avg(SK_DPD) AS dpd_mean,
    exact_avg(CASE WHEN SK_DPD > 0 THEN 1.0 ELSE 0.0 END) AS dpd_share
  FROM months
  GROUP BY SK_ID_CURR
)
SELECT
  m.SK_ID_CURR,
  m.months AS CC_MONTH_COUNT, -- Number of monthly credit card balance records.
  c.cards AS CC_CARD_COUNT, -- Number of distinct credit cards.
  m.utilisation_mean AS CC_UTILISATION_MEAN, -- Mean monthly balance divided by credit limit.
  m.utilisation_max AS CC_UTILISATION_MAX, -- Highest monthly balance divided by credit limit.
  c.latest_utilisation_mean AS CC_UTILISATION_LATEST_MEAN, -- Mean over cards of utilisation in the card's latest month.
  m.balance_mean AS CC_AMT_BALANCE_MEAN, -- Mean monthly credit card balance.
  m.balance_max AS CC_AMT_BALANCE_MAX, -- Highest monthly credit card balance.
  m.limit_mean AS CC_AMT_CREDIT_LIMIT_MEAN, -- Mean credit card limit.
  m.drawings_mean AS CC_AMT_DRAWINGS_MEAN, -- Mean amount drawn per month.
  m.drawings_sum AS CC_AMT_DRAWINGS_SUM, -- Total amount drawn on credit cards.
  m.drawings_atm_mean AS CC_AMT_DRAWINGS_ATM_MEAN, -- Mean amount drawn at ATMs per month.
  m.drawing_count_mean AS CC_CNT_DRAWINGS_MEAN, -- Mean number of drawings per month.
  m.drawing_share_mean AS CC_DRAWING_LIMIT_RATIO_MEAN, -- Mean monthly drawings divided by credit limit.
  m.payment_min_ratio_mean AS CC_PAYMENT_MIN_RATIO_MEAN, -- Mean payment divided by the minimum instalment due.
  m.receivable_mean AS CC_AMT_TOTAL_RECEIVABLE_MEAN, -- Mean total amount receivable per month.
  m.dpd_max AS CC_SK_DPD_MAX, -- Most days past due in any credit card month.
  m.dpd_mean AS CC_SK_DPD_MEAN, -- Mean days past due over credit card months.
  m.dpd_share AS CC_DPD_MONTH_SHARE -- Share of credit card months past due.
FROM per_month m
JOIN per_card c ON c.SK_ID_CURR = m.SK_ID_CURR
