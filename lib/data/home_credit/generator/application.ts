/**
 * application_train: one row per applicant of `hc_applicant`. EXT_SOURCE_1..3, age,
 * employment length, region rating and the credit/income ratio carry z_a through
 * Gaussian copulas (a latent normal mixed with noise, mapped to the column's marginal);
 * pensioners get DAYS_EMPLOYED = 365243, ORGANIZATION_TYPE "XNA" and no occupation,
 * as in Kaggle. Everything else follows its schema marginal.
 */
import { categoryWithoutSql, numericSql } from "./marginal.ts";
import { createTableDraws, normalCdfSql, type SqlRandom } from "./sql_random.ts";
import type { TableSpec } from "./table_sql.ts";
import { DAYS_SENTINEL } from "../../../contracts/home_credit_schema.ts";

const T = "application_train";

/**
 * DAYS_EMPLOYED among non-sentinel rows: the full-data quartiles re-read on the 82% of
 * rows without the sentinel (p25, median, p75 sit at 0.305, 0.61, 0.915 of them).
 */
const EMPLOYED_KNOTS_Q = [0, 0.305, 0.61, 0.915, 1] as const;
const EMPLOYED_KNOTS_X = [-17912, -2760, -1213, -289, 0] as const;

/** Describes how application_train is generated from `hc_applicant`. */
export function applicationSpec(random: SqlRandom): TableSpec {
  const keys = ["i"];
  const { u, n, columns: draws } = createTableDraws(random, T, keys);
  const copula = (rho: number, latent: string, tag: string) =>
    normalCdfSql(`${rho} * ${latent} + ${Math.sqrt(1 - rho * rho)} * ${n(tag)}`);
  return {
    table: T,
    from: "SELECT * FROM hc_applicant",
    keys,
    draws,
    layers: [{
      contract: categoryWithoutSql(T, "NAME_CONTRACT_TYPE", [], u("contract")),
      own_car: categoryWithoutSql(T, "FLAG_OWN_CAR", [], u("own_car")),
      children: `round(${numericSql(T, "CNT_CHILDREN", u("children"))})`,
      rating_u: copula(0.2, "z_a", "rating"),
      u_ext1: copula(-0.6, "z_a", "ext1"),
      u_ext2: copula(-0.65, "z_a", "ext2"),
      u_ext3: copula(-0.7, "z_a", "ext3"),
      u_employed: copula(0.3, "z_a", "employed"),
      u_birth: normalCdfSql(`(0.3 * z_a - 1.4 * pensioner::INTEGER + ${n("birth")}) / 1.2`),
      u_income: normalCdfSql(`-0.15 * z_a + 0.99 * ${n("e_income")}`),
      u_credit: normalCdfSql(`0.45 * ${n("e_income")} + 0.2 * z_a + 0.87 * ${n("credit")}`),
    }, {
      birth: `round(${numericSql(T, "DAYS_BIRTH", "u_birth")})`,
      income: `greatest(25650, round(${numericSql(T, "AMT_INCOME_TOTAL", "u_income")} / 4500) ` +
        `* 4500)`,
      credit: `round(${numericSql(T, "AMT_CREDIT", "u_credit")} * 2) / 2`,
    }, {
      employed: `CASE WHEN pensioner THEN ${DAYS_SENTINEL} ELSE least(0, greatest(birth + 6570, ` +
        `round(${employedSql("u_employed")}))) END`,
      annuity:
        `least(258025.5, greatest(1615.5, CASE WHEN contract = 'Revolving loans' THEN credit * 0.05 ` +
        `ELSE round(credit * least(0.125, greatest(0.025, exp(ln(0.049) + 0.35 * ${
          n("annuity")
        }))) * 2) / 2 END))`,
      goods: `CASE WHEN contract = 'Revolving loans' THEN credit ELSE ` +
        `greatest(40500, round(credit * (0.78 + 0.22 * ${u("goods")}) / 4500) * 4500) END`,
    }],
    columns: {
      SK_ID_CURR: "SK_ID_CURR",
      TARGET: "TARGET",
      NAME_CONTRACT_TYPE: "contract",
      FLAG_OWN_CAR: "own_car",
      CNT_CHILDREN: "children",
      AMT_INCOME_TOTAL: "income",
      AMT_CREDIT: "credit",
      AMT_ANNUITY: "annuity",
      AMT_GOODS_PRICE: "goods",
      NAME_INCOME_TYPE: `CASE WHEN pensioner THEN 'Pensioner' ELSE ${
        categoryWithoutSql(T, "NAME_INCOME_TYPE", ["Pensioner"], u("income_type"))
      } END`,
      DAYS_BIRTH: "birth",
      DAYS_EMPLOYED: "employed",
      OWN_CAR_AGE: `CASE WHEN own_car = 'N' THEN NULL ELSE round(${
        numericSql(T, "OWN_CAR_AGE", u("car_age"))
      }) END`,
      FLAG_EMP_PHONE: `CASE WHEN pensioner THEN 0 ELSE 1 END`,
      OCCUPATION_TYPE: `CASE WHEN pensioner OR ${u("occupation_missing")} < 0.1628 THEN NULL ` +
        `ELSE ${categoryWithoutSql(T, "OCCUPATION_TYPE", [], u("occupation"))} END`,
      CNT_FAM_MEMBERS: `greatest(children + 1, round(${
        numericSql(T, "CNT_FAM_MEMBERS", u("family"))
      }))`,
      REGION_RATING_CLIENT: `round(${numericSql(T, "REGION_RATING_CLIENT", "rating_u")})`,
      REGION_RATING_CLIENT_W_CITY: `round(${
        numericSql(T, "REGION_RATING_CLIENT_W_CITY", "rating_u")
      })`,
      ORGANIZATION_TYPE: `CASE WHEN pensioner THEN 'XNA' ELSE ${
        categoryWithoutSql(T, "ORGANIZATION_TYPE", ["XNA"], u("organization"))
      } END`,
      EXT_SOURCE_1: numericSql(T, "EXT_SOURCE_1", "u_ext1"),
      EXT_SOURCE_2: numericSql(T, "EXT_SOURCE_2", "u_ext2"),
      EXT_SOURCE_3: numericSql(T, "EXT_SOURCE_3", "u_ext3"),
    },
    ownMissing: ["OWN_CAR_AGE", "OCCUPATION_TYPE"],
    missingGroup: (column) => {
      if (/_(AVG|MODE|MEDI)$/.test(column)) return "building";
      if (column.startsWith("AMT_REQ_CREDIT_BUREAU_")) return "credit_bureau_requests";
      if (column.endsWith("_SOCIAL_CIRCLE")) return "social_circle";
      return undefined;
    },
    valueGroup: (column) => {
      const match = /^(.*)_(AVG|MODE|MEDI)$/.exec(column);
      return match ? match[1] : undefined;
    },
  };
}

function employedSql(u: string): string {
  const q = EMPLOYED_KNOTS_Q;
  const x = EMPLOYED_KNOTS_X;
  const arms = [1, 2, 3].map((k) =>
    `WHEN ${u} < ${q[k]} THEN ${x[k - 1]} + (${x[k] - x[k - 1]}) * (${u} - ${q[k - 1]}) / ${
      q[k] - q[k - 1]
    }`
  );
  return `(CASE ${arms.join(" ")} ELSE ${x[3]} + (${x[4] - x[3]}) * (${u} - ${q[3]}) / ${
    q[4] - q[3]
  } END)`;
}
