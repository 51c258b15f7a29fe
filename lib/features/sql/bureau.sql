-- Per-applicant aggregates of the credit bureau (bureau + bureau_balance).
-- Reads the views `bureau` and `bureau_balance`; one row per SK_ID_CURR with history.
-- Feature columns are written `<expr> AS NAME, -- description`; *_COUNT features are 0
-- for applicants without history, all others NULL. safe_div(n, d) is NULL when d = 0;
-- exact_sum/exact_avg add in DECIMAL(38, 18), so no result depends on thread scheduling.
WITH balance AS (
  SELECT
    SK_ID_BUREAU,
    count(*) AS months,
    exact_avg(CASE WHEN STATUS IN ('1', '2', '3', '4', '5') THEN 1.0 ELSE 0.0 END) AS dpd_share,
    exact_avg(CASE WHEN STATUS = 'C' THEN 1.0 ELSE 0.0 END) AS closed_share,
    exact_avg(CASE WHEN STATUS = 'X' THEN 1.0 ELSE 0.0 END) AS unknown_share,
    max(CASE WHEN STATUS IN ('1', '2', '3', '4', '5') THEN TRY_CAST(STATUS AS INTEGER) ELSE 0 END) AS worst_status
  FROM bureau_balance
  GROUP BY SK_ID_BUREAU
),
credits AS (
  SELECT
    b.*,
    CASE WHEN b.CREDIT_ACTIVE = 'Active' THEN 1 ELSE 0 END AS is_active,
    CASE WHEN b.CREDIT_DAY_OVERDUE > 0 OR b.AMT_CREDIT_SUM_OVERDUE > 0 THEN 1 ELSE 0 END AS is_overdue,
    bal.months, bal.dpd_share, bal.closed_share, bal.unknown_share, bal.worst_status
  FROM bureau b
  LEFT JOIN balance bal ON bal.SK_ID_BUREAU = b.SK_ID_BUREAU
)
SELECT
  SK_ID_CURR,
  count(*) AS BURO_CREDIT_COUNT, -- Number of credits the bureau reports for the applicant.
  exact_sum(is_active) AS BURO_ACTIVE_COUNT, -- Number of bureau credits still active.
  count(*) FILTER (WHERE CREDIT_ACTIVE = 'Closed') AS BURO_CLOSED_COUNT, -- Number of bureau credits closed.
  count(*) FILTER (WHERE CREDIT_ACTIVE IN ('Bad debt', 'Sold')) AS BURO_BAD_DEBT_COUNT, -- Number of bureau credits sold or written off as bad debt.
  exact_sum(is_overdue) AS BURO_OVERDUE_COUNT, -- Number of bureau credits overdue now (days or amount).
  count(DISTINCT CREDIT_TYPE) AS BURO_CREDIT_TYPE_COUNT, -- Number of distinct credit types in the bureau history.
  exact_avg(is_active) AS BURO_ACTIVE_SHARE, -- Share of bureau credits still active.
  exact_avg(is_overdue) AS BURO_OVERDUE_SHARE, -- Share of bureau credits overdue now.
  min(DAYS_CREDIT) AS BURO_DAYS_CREDIT_MIN, -- Days before the application of the oldest bureau credit.
  max(DAYS_CREDIT) AS BURO_DAYS_CREDIT_MAX, -- Days before the application of the newest bureau credit.
  exact_avg(DAYS_CREDIT) AS BURO_DAYS_CREDIT_MEAN, -- Mean days before the application that bureau credits were opened.
  max(DAYS_CREDIT_ENDDATE) AS BURO_DAYS_CREDIT_ENDDATE_MAX, -- Latest planned end of a bureau credit, in days from the application.
  exact_avg(DAYS_CREDIT_UPDATE) AS BURO_DAYS_CREDIT_UPDATE_MEAN, -- Mean days since the bureau last updated a credit.
  max(CREDIT_DAY_OVERDUE) AS BURO_CREDIT_DAY_OVERDUE_MAX, -- Most days overdue on any bureau credit now.
  exact_avg(CREDIT_DAY_OVERDUE) AS BURO_CREDIT_DAY_OVERDUE_MEAN, -- Mean days overdue over bureau credits now.
  max(AMT_CREDIT_MAX_OVERDUE) AS BURO_AMT_CREDIT_MAX_OVERDUE_MAX, -- Largest amount ever overdue on a bureau credit.
  exact_sum(CNT_CREDIT_PROLONG) AS BURO_CNT_CREDIT_PROLONG_SUM, -- Total number of times bureau credits were prolonged.
  exact_sum(AMT_CREDIT_SUM) AS BURO_AMT_CREDIT_SUM_SUM, -- Total amount of bureau credits.
  exact_avg(AMT_CREDIT_SUM) AS BURO_AMT_CREDIT_SUM_MEAN, -- Mean amount of a bureau credit.
  max(AMT_CREDIT_SUM) AS BURO_AMT_CREDIT_SUM_MAX, -- Largest bureau credit amount.
  exact_sum(AMT_CREDIT_SUM_DEBT) AS BURO_AMT_CREDIT_SUM_DEBT_SUM, -- Total current debt on bureau credits.
  exact_avg(AMT_CREDIT_SUM_DEBT) AS BURO_AMT_CREDIT_SUM_DEBT_MEAN, -- Mean current debt on a bureau credit.
  exact_sum(AMT_CREDIT_SUM_LIMIT) AS BURO_AMT_CREDIT_SUM_LIMIT_SUM, -- Total credit limit of bureau credit cards.
  exact_sum(AMT_CREDIT_SUM_OVERDUE) AS BURO_AMT_CREDIT_SUM_OVERDUE_SUM, -- Total amount overdue now on bureau credits.
  exact_avg(AMT_ANNUITY) AS BURO_AMT_ANNUITY_MEAN, -- Mean annuity of bureau credits.
  exact_sum(CASE WHEN is_active = 1 THEN AMT_CREDIT_SUM_DEBT END) AS BURO_ACTIVE_DEBT_SUM, -- Total debt on active bureau credits.
  exact_sum(CASE WHEN is_active = 1 THEN AMT_CREDIT_SUM END) AS BURO_ACTIVE_CREDIT_SUM, -- Total amount of active bureau credits.
  safe_div(exact_sum(AMT_CREDIT_SUM_DEBT), exact_sum(AMT_CREDIT_SUM)) AS BURO_DEBT_CREDIT_RATIO, -- Total bureau debt divided by total bureau credit amount.
  safe_div(exact_sum(AMT_CREDIT_SUM_OVERDUE), exact_sum(AMT_CREDIT_SUM_DEBT)) AS BURO_OVERDUE_DEBT_RATIO, -- Total overdue amount divided by total bureau debt.
  exact_avg(months) AS BURO_BALANCE_MONTHS_MEAN, -- Mean number of monthly bureau balance records per credit.
  exact_avg(dpd_share) AS BURO_BALANCE_DPD_SHARE_MEAN, -- Mean share of months a bureau credit was past due (status 1-5).
  exact_avg(closed_share) AS BURO_BALANCE_CLOSED_SHARE_MEAN, -- Mean share of months a bureau credit was closed (status C).
  exact_avg(unknown_share) AS BURO_BALANCE_UNKNOWN_SHARE_MEAN, -- Mean share of months with unknown bureau status (status X).
  max(worst_status) AS BURO_BALANCE_WORST_STATUS_MAX -- Worst monthly past-due bucket (0-5) over all bureau credits.
FROM credits
GROUP BY SK_ID_CURR
