/**
 * The hidden per-applicant frame (`hc_applicant`): row index, SK_ID_CURR, the latent
 * risks z_a and z_h, the pensioner flag, TARGET, and how many bureau credits and previous
 * applications the applicant has (with running offsets that number the child rows).
 */
import {
  calibrateIntercept,
  PENSIONER_SHARE,
  WEIGHT_APP,
  WEIGHT_HISTORY,
  WEIGHT_PENSIONER,
} from "./latent.ts";
import { countSql, sigmoidSql, type SqlRandom } from "./sql_random.ts";

/** Kaggle's application_train row count; child-table ratios are per applicant of it. */
export const KAGGLE_APPLICANTS = 307511;
/** Mean bureau credits per applicant (1,716,428 / 307,511). */
export const BUREAU_PER_APPLICANT = 1716428 / KAGGLE_APPLICANTS;
/** Mean previous applications per applicant (1,670,214 / 307,511). */
export const PREVIOUS_PER_APPLICANT = 1670214 / KAGGLE_APPLICANTS;

const FIRST_ID = 100002;
const LAST_ID = 456255;

/** SQL creating the temp table `hc_applicant` for `applicants` rows. */
export function applicantFrameSql(applicants: number, random: SqlRandom): string {
  const keys = ["i"];
  const step = Math.max(1, (LAST_ID - FIRST_ID) / Math.max(1, applicants - 1));
  const logit = `${calibrateIntercept()} + ${WEIGHT_APP} * z_a + ${WEIGHT_HISTORY} * z_h + ` +
    `${WEIGHT_PENSIONER} * pensioner::INTEGER`;
  return `CREATE OR REPLACE TEMP TABLE hc_applicant AS
SELECT *,
  sum(n_bureau) OVER w - n_bureau AS bureau_offset,
  sum(n_prev) OVER w - n_prev AS prev_offset
FROM (
  SELECT i,
    (${FIRST_ID} + floor(i * ${step}))::BIGINT AS SK_ID_CURR,
    z_a, z_h, pensioner,
    CASE WHEN ${random.uniform("target", keys)} < ${sigmoidSql(logit)} THEN 1 ELSE 0 END
      AS TARGET,
    ${countSql(random.uniform("n_bureau", keys), BUREAU_PER_APPLICANT, 60)} AS n_bureau,
    ${countSql(random.uniform("n_prev", keys), PREVIOUS_PER_APPLICANT, 60)} AS n_prev
  FROM (
    SELECT i,
      ${random.normal("z_a", keys)} AS z_a,
      ${random.normal("z_h", keys)} AS z_h,
      ${random.uniform("pensioner", keys)} < ${PENSIONER_SHARE} AS pensioner
    FROM range(${applicants}) t(i)
  )
)
WINDOW w AS (ORDER BY i ROWS UNBOUNDED PRECEDING)
ORDER BY i`;
}
