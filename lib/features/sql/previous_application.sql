-- Per-applicant aggregates of earlier Home Credit applications (previous_application).
-- Reads the view `previous_application`; one row per SK_ID_CURR with history.
-- Feature columns are written `<expr> AS NAME, -- description`; *_COUNT features are 0
-- for applicants without history, all others NULL. safe_div(n, d) is NULL when d = 0;
-- exact_sum/exact_avg add in DECIMAL(38, 18), so no result depends on thread scheduling.
-- Day counts holding the 365243 placeholder are read as missing. Helper columns must not
-- reuse a Kaggle name in any case: DuckDB identifiers are case-insensitive.
WITH previous AS (
  SELECT
    *,
    CASE WHEN NAME_CONTRACT_STATUS = 'Approved' THEN 1 ELSE 0 END AS is_approved,
    CASE WHEN NAME_CONTRACT_STATUS = 'Refused' THEN 1 ELSE 0 END AS is_refused,
    safe_div(AMT_APPLICATION, AMT_CREDIT) AS app_credit_ratio,
    safe_div(AMT_ANNUITY * CNT_PAYMENT - AMT_CREDIT, AMT_CREDIT) AS interest_share,
    nullif(DAYS_TERMINATION, 365243) AS termination_day,
    nullif(DAYS_LAST_DUE_1ST_VERSION, 365243) AS first_planned_last_due_day
  FROM previous_application
)
SELECT
  SK_ID_CURR,
  count(*) AS PREV_APPLICATION_COUNT, -- Number of earlier applications to Home Credit.
  exact_sum(is_approved) AS PREV_APPROVED_COUNT, -- Number of earlier applications approved.
  exact_sum(is_refused) AS PREV_REFUSED_COUNT, -- Number of earlier applications refused.
  count(*) FILTER (WHERE NAME_CONTRACT_STATUS = 'Canceled') AS PREV_CANCELED_COUNT, -- Number of earlier applications canceled.
  exact_avg(is_approved) AS PREV_APPROVED_SHARE, -- Share of earlier applications approved.
  exact_avg(is_refused) AS PREV_REFUSED_SHARE, -- Share of earlier applications refused.
  exact_avg(AMT_APPLICATION) AS PREV_AMT_APPLICATION_MEAN, -- Mean amount asked for in earlier applications.
  max(AMT_APPLICATION) AS PREV_AMT_APPLICATION_MAX, -- Largest amount asked for in an earlier application.
  exact_avg(AMT_CREDIT) AS PREV_AMT_CREDIT_MEAN, -- Mean credit granted on earlier applications.
  max(AMT_CREDIT) AS PREV_AMT_CREDIT_MAX, -- Largest credit granted on an earlier application.
  exact_sum(CASE WHEN is_approved = 1 THEN AMT_CREDIT END) AS PREV_APPROVED_AMT_CREDIT_SUM, -- Total credit of approved earlier applications.
  exact_avg(CASE WHEN is_refused = 1 THEN AMT_APPLICATION END) AS PREV_REFUSED_AMT_APPLICATION_MEAN, -- Mean amount asked for in refused earlier applications.
  exact_avg(AMT_ANNUITY) AS PREV_AMT_ANNUITY_MEAN, -- Mean annuity of earlier applications.
  max(AMT_ANNUITY) AS PREV_AMT_ANNUITY_MAX, -- Largest annuity of an earlier application.
  exact_avg(AMT_DOWN_PAYMENT) AS PREV_AMT_DOWN_PAYMENT_MEAN, -- Mean down payment on earlier applications.
  exact_avg(RATE_DOWN_PAYMENT) AS PREV_RATE_DOWN_PAYMENT_MEAN, -- Mean down-payment rate on earlier applications.
  exact_avg(app_credit_ratio) AS PREV_APP_CREDIT_RATIO_MEAN, -- Mean ratio of amount asked for to credit granted.
  min(app_credit_ratio) AS PREV_APP_CREDIT_RATIO_MIN, -- Lowest ratio of amount asked for to credit granted.
  max(app_credit_ratio) AS PREV_APP_CREDIT_RATIO_MAX, -- Highest ratio of amount asked for to credit granted.
  exact_avg(interest_share) AS PREV_INTEREST_SHARE_MEAN, -- Mean total interest (annuity times payments less credit) as a share of credit.
  exact_avg(CNT_PAYMENT) AS PREV_CNT_PAYMENT_MEAN, -- Mean term in payments of earlier credits.
  exact_sum(CNT_PAYMENT) AS PREV_CNT_PAYMENT_SUM, -- Total number of payments over earlier credits.
  min(DAYS_DECISION) AS PREV_DAYS_DECISION_MIN, -- Days before the application of the oldest earlier decision.
  max(DAYS_DECISION) AS PREV_DAYS_DECISION_MAX, -- Days before the application of the latest earlier decision.
  exact_avg(DAYS_DECISION) AS PREV_DAYS_DECISION_MEAN, -- Mean days before the application of earlier decisions.
  max(termination_day) AS PREV_DAYS_TERMINATION_MAX, -- Latest expected termination of an earlier credit, in days from the application.
  max(first_planned_last_due_day) AS PREV_DAYS_LAST_DUE_1ST_VERSION_MAX -- Latest first-planned last due date of an earlier credit.
FROM previous
GROUP BY SK_ID_CURR
