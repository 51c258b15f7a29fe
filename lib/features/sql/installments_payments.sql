-- Per-applicant aggregates of repayment history (installments_payments): late and
-- short payments from DAYS_ENTRY_PAYMENT vs DAYS_INSTALMENT and AMT_PAYMENT vs
-- AMT_INSTALMENT, one payment row at a time as the public kernels do.
-- Reads the view `installments_payments`; one row per SK_ID_CURR with history.
-- Feature columns are written `<expr> AS NAME, -- description`; *_COUNT features are 0
-- for applicants without history, all others NULL. safe_div(n, d) is NULL when d = 0;
-- exact_sum/exact_avg add in DECIMAL(38, 18), so no result depends on thread scheduling.
-- A payment with no DAYS_ENTRY_PAYMENT or AMT_PAYMENT is left out of the day and amount
-- statistics (NULL), not counted as on time.
WITH differences AS (
  SELECT
    *,
    DAYS_ENTRY_PAYMENT - DAYS_INSTALMENT AS days_late,
    AMT_INSTALMENT - AMT_PAYMENT AS amount_short,
    safe_div(AMT_PAYMENT, AMT_INSTALMENT) AS paid_ratio
  FROM installments_payments
),
payments AS (
  SELECT
    *,
    CASE WHEN days_late > 0 THEN days_late WHEN days_late IS NOT NULL THEN 0 END AS dpd,
    CASE WHEN days_late < 0 THEN -days_late WHEN days_late IS NOT NULL THEN 0 END AS dbd,
    CASE WHEN amount_short > 0 THEN amount_short WHEN amount_short IS NOT NULL THEN 0 END AS short
  FROM differences
)
SELECT
  SK_ID_CURR,
  count(*) AS INST_PAYMENT_COUNT, -- Number of instalment payment records.
  count(DISTINCT SK_ID_PREV) AS INST_LOAN_COUNT, -- Number of earlier credits with instalment records.
  count(*) FILTER (WHERE days_late > 0) AS INST_LATE_COUNT, -- Number of payments made after the due day.
  count(*) FILTER (WHERE amount_short > 0) AS INST_SHORT_COUNT, -- Number of payments smaller than the instalment due.
  exact_avg(sign(dpd)) AS INST_LATE_SHARE, -- Share of payments made after the due day.
  exact_avg(sign(short)) AS INST_SHORT_SHARE, -- Share of payments smaller than the instalment due.
  max(dpd) AS INST_DAYS_LATE_MAX, -- Most days a payment came after its due day.
  exact_avg(dpd) AS INST_DAYS_LATE_MEAN, -- Mean days past due per payment (0 when on time).
  exact_sum(dpd) AS INST_DAYS_LATE_SUM, -- Total days past due over payments.
  exact_avg(dbd) AS INST_DAYS_EARLY_MEAN, -- Mean days a payment came before its due day (0 when late).
  exact_sum(short) AS INST_AMT_SHORT_SUM, -- Total amount by which payments fell short of the instalment.
  exact_avg(short) AS INST_AMT_SHORT_MEAN, -- Mean amount by which a payment fell short (0 when in full).
  exact_avg(paid_ratio) AS INST_PAID_RATIO_MEAN, -- Mean payment divided by instalment due.
  min(paid_ratio) AS INST_PAID_RATIO_MIN, -- Lowest payment divided by instalment due.
  exact_sum(AMT_INSTALMENT) AS INST_AMT_INSTALMENT_SUM, -- Total amount of instalments due.
  exact_sum(AMT_PAYMENT) AS INST_AMT_PAYMENT_SUM, -- Total amount paid on instalments.
  safe_div(exact_sum(AMT_PAYMENT), exact_sum(AMT_INSTALMENT)) AS INST_PAID_TOTAL_RATIO, -- Total paid divided by total due.
  max(DAYS_ENTRY_PAYMENT) AS INST_DAYS_ENTRY_PAYMENT_MAX -- Most recent payment, in days from the application.
FROM payments
GROUP BY SK_ID_CURR
