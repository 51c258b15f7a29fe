-- Per-applicant aggregates of monthly POS and cash loan balances (POS_CASH_balance).
-- Reads the view `POS_CASH_balance`; one row per SK_ID_CURR with history.
-- Feature columns are written `<expr> AS NAME, -- description`; *_COUNT features are 0
-- for applicants without history, all others NULL. safe_div(n, d) is NULL when d = 0;
-- exact_sum/exact_avg add in DECIMAL(38, 18), so no result depends on thread scheduling.
WITH loans AS (
  SELECT
    SK_ID_CURR,
    SK_ID_PREV,
    max(CASE WHEN NAME_CONTRACT_STATUS = 'Completed' THEN 1 ELSE 0 END) AS completed,
    safe_div(
      arg_max_null(CNT_INSTALMENT_FUTURE, MONTHS_BALANCE),
      arg_max_null(CNT_INSTALMENT, MONTHS_BALANCE)
    ) AS remaining_share
  FROM POS_CASH_balance
  GROUP BY SK_ID_CURR, SK_ID_PREV
),
per_loan AS (
  SELECT
    SK_ID_CURR,
    count(*) AS loans,
    exact_sum(completed) AS completed_loans,
    exact_avg(remaining_share) AS remaining_share_mean
  FROM loans
  GROUP BY SK_ID_CURR
),
per_month AS (
  SELECT
    SK_ID_CURR,
    count(*) AS months,
    min(MONTHS_BALANCE) AS months_balance_min,
    max(MONTHS_BALANCE) AS months_balance_max,
    max(SK_DPD) AS dpd_max,
    exact_avg(SK_DPD) AS dpd_mean,
    max(SK_DPD_DEF) AS dpd_def_max,
    exact_avg(SK_DPD_DEF) AS dpd_def_mean,
    exact_avg(CASE WHEN SK_DPD > 0 THEN 1.0 ELSE 0.0 END) AS dpd_share,
    exact_avg(CASE WHEN SK_DPD_DEF > 0 THEN 1.0 ELSE 0.0 END) AS dpd_def_share,
    exact_avg(CNT_INSTALMENT_FUTURE) AS instalment_future_mean
  FROM POS_CASH_balance
  GROUP BY SK_ID_CURR
)
SELECT
  m.SK_ID_CURR,
  m.months AS POS_MONTH_COUNT, -- Number of monthly POS/cash balance records.
  l.loans AS POS_LOAN_COUNT, -- Number of distinct POS/cash loans.
  l.completed_loans AS POS_COMPLETED_COUNT, -- Number of POS/cash loans ever marked completed.
  safe_div(l.completed_loans, l.loans) AS POS_COMPLETED_SHARE, -- Share of POS/cash loans ever marked completed.
  l.remaining_share_mean AS POS_REMAINING_SHARE_MEAN, -- Mean share of instalments still to pay in each loan's latest month.
  m.months_balance_min AS POS_MONTHS_BALANCE_MIN, -- Oldest POS/cash balance month relative to the application.
  m.months_balance_max AS POS_MONTHS_BALANCE_MAX, -- Latest POS/cash balance month relative to the application.
  m.dpd_max AS POS_SK_DPD_MAX, -- Most days past due in any POS/cash month.
  m.dpd_mean AS POS_SK_DPD_MEAN, -- Mean days past due over POS/cash months.
  m.dpd_def_max AS POS_SK_DPD_DEF_MAX, -- Most days past due (tolerance applied) in any POS/cash month.
  m.dpd_def_mean AS POS_SK_DPD_DEF_MEAN, -- Mean days past due (tolerance applied) over POS/cash months.
  m.dpd_share AS POS_DPD_MONTH_SHARE, -- Share of POS/cash months past due.
  m.dpd_def_share AS POS_DPD_DEF_MONTH_SHARE, -- Share of POS/cash months past due beyond tolerance.
  m.instalment_future_mean AS POS_CNT_INSTALMENT_FUTURE_MEAN -- Mean number of instalments left to pay over POS/cash months.
FROM per_month m
JOIN per_loan l ON l.SK_ID_CURR = m.SK_ID_CURR
