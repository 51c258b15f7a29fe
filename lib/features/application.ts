/**
 * Application-level features, defined once: the raw application columns (numerics,
 * 0/1 flags, encoded categoricals, sentinels turned into NULL) and the engineered
 * ratios and combinations of the public Home Credit kernels. The feature store compiles
 * them to SQL; the server evaluates them on one request row.
 */
import { type ColumnSchema, tableSchema } from "../contracts/home_credit_schema.ts";
import type { ExprFeature } from "./definition.ts";
import { sortLevels } from "./encoding.ts";
import { compileExprSql } from "./expression_sql.ts";
import { evaluateExpr, type InputRow } from "./expression_eval.ts";
import {
  add,
  category,
  col,
  compare,
  countOf,
  maxOf,
  meanOf,
  minOf,
  mul,
  nullIf,
  num,
  ratio,
  sub,
  sumOf,
  when,
} from "./expression.ts";
import { quoteIdent } from "../duckdb/mod.ts";

/** Source table named in the manifest for application-level features. */
export const APPLICATION_TABLE = "application_train";
/** Entity key of the application table. */
export const APPLICATION_KEY = "SK_ID_CURR";
/** Binary target of the application table. */
export const APPLICATION_TARGET = "TARGET";

const SOURCE = APPLICATION_TABLE;
const DAYS_PER_YEAR = 365.25;

/**
 * The levels of `age_band`, youngest first: an applicant of age a (in years, −DAYS_BIRTH
 * / 365.25, the AGE_YEARS feature) is in the first band whose upper bound a is below.
 */
export const AGE_BANDS: readonly string[] = ["0-24", "25-34", "35-44", "45-54", "55-64", "65+"];
const AGE_BAND_UPPER = [25, 35, 45, 55, 65];

/** The code of an age's band (NULL age: NULL), as nested comparisons SQL and JS share. */
function ageBandCode(ageYears: ExprFeature["expr"]): ExprFeature["expr"] {
  return AGE_BAND_UPPER.reduceRight<ExprFeature["expr"]>(
    (older, upper, band) => when(compare("<", ageYears, num(upper)), num(band), older),
    num(AGE_BAND_UPPER.length),
  );
}

function rawFeature(column: ColumnSchema): ExprFeature {
  const { name, description } = column;
  if (column.dtype === "object") {
    const levels = sortLevels(column.levels ?? []);
    return {
      name,
      type: "categorical",
      levels,
      source: SOURCE,
      description,
      expr: category(name, levels),
    };
  }
  if (column.sentinel !== undefined) {
    return {
      name,
      type: "numeric",
      source: SOURCE,
      description: `${description} (the placeholder ${column.sentinel} read as missing)`,
      expr: nullIf(col(name), column.sentinel),
    };
  }
  const isFlag = column.dtype === "int64" && column.min === 0 && column.max === 1;
  return {
    name,
    type: isFlag ? "boolean" : "numeric",
    source: SOURCE,
    description,
    expr: col(name),
  };
}

function derived(name: string, description: string, expr: ExprFeature["expr"]): ExprFeature {
  return { name, type: "numeric", source: SOURCE, description, expr };
}

function flag(name: string, description: string, expr: ExprFeature["expr"]): ExprFeature {
  return { name, type: "boolean", source: SOURCE, description, expr };
}

function engineeredFeatures(columns: readonly ColumnSchema[]): ExprFeature[] {
  const names = columns.map((c) => c.name);
  const matching = (pattern: RegExp) => names.filter((n) => pattern.test(n)).map(col);
  const ext = [col("EXT_SOURCE_1"), col("EXT_SOURCE_2"), col("EXT_SOURCE_3")];
  const employed = nullIf(col("DAYS_EMPLOYED"), 365243);
  const ageYears = ratio(col("DAYS_BIRTH"), num(-DAYS_PER_YEAR));
  return [
    derived(
      "CREDIT_INCOME_RATIO",
      "Credit amount divided by annual income.",
      ratio(col("AMT_CREDIT"), col("AMT_INCOME_TOTAL")),
    ),
    derived(
      "ANNUITY_INCOME_RATIO",
      "Loan annuity divided by annual income.",
      ratio(col("AMT_ANNUITY"), col("AMT_INCOME_TOTAL")),
    ),
    derived(
      "CREDIT_GOODS_RATIO",
      "Credit amount divided by the price of the goods financed.",
      ratio(col("AMT_CREDIT"), col("AMT_GOODS_PRICE")),
    ),
    derived(
      "PAYMENT_RATE",
      "Annuity divided by credit amount (share of the credit repaid each year).",
      ratio(col("AMT_ANNUITY"), col("AMT_CREDIT")),
    ),
    derived(
      "CREDIT_TERM_YEARS",
      "Credit amount divided by annuity (years to repay).",
      ratio(col("AMT_CREDIT"), col("AMT_ANNUITY")),
    ),
    derived(
      "GOODS_INCOME_RATIO",
      "Price of the goods financed divided by annual income.",
      ratio(col("AMT_GOODS_PRICE"), col("AMT_INCOME_TOTAL")),
    ),
    derived(
      "INCOME_PER_PERSON",
      "Annual income per family member.",
      ratio(col("AMT_INCOME_TOTAL"), col("CNT_FAM_MEMBERS")),
    ),
    derived(
      "ANNUITY_PER_PERSON",
      "Loan annuity per family member.",
      ratio(col("AMT_ANNUITY"), col("CNT_FAM_MEMBERS")),
    ),
    derived("AGE_YEARS", "Age of the applicant in years.", ageYears),
    derived(
      "DAYS_EMPLOYED_SHARE",
      "Days employed as a share of days alive (missing for the 365243 placeholder).",
      ratio(employed, col("DAYS_BIRTH")),
    ),
    flag(
      "DAYS_EMPLOYED_PLACEHOLDER",
      "1 when DAYS_EMPLOYED holds the 365243 placeholder (mostly pensioners).",
      compare("=", col("DAYS_EMPLOYED"), num(365243)),
    ),
    derived(
      "INCOME_PER_EMPLOYED_YEAR",
      "Annual income divided by years in current employment.",
      ratio(col("AMT_INCOME_TOTAL"), ratio(employed, num(-DAYS_PER_YEAR))),
    ),
    derived(
      "CAR_AGE_SHARE",
      "Age of the applicant's car as a share of the applicant's age.",
      ratio(col("OWN_CAR_AGE"), ageYears),
    ),
    derived(
      "REGISTRATION_SHARE",
      "Days since registration change as a share of days alive.",
      ratio(col("DAYS_REGISTRATION"), col("DAYS_BIRTH")),
    ),
    derived(
      "ID_PUBLISH_SHARE",
      "Days since the identity document changed as a share of days alive.",
      ratio(col("DAYS_ID_PUBLISH"), col("DAYS_BIRTH")),
    ),
    derived(
      "PHONE_CHANGE_SHARE",
      "Days since the phone changed as a share of days alive.",
      ratio(col("DAYS_LAST_PHONE_CHANGE"), col("DAYS_BIRTH")),
    ),
    derived(
      "EXT_SOURCES_MEAN",
      "Mean of the available external scores EXT_SOURCE_1..3.",
      meanOf(ext),
    ),
    derived("EXT_SOURCES_MIN", "Lowest available external score.", minOf(ext)),
    derived("EXT_SOURCES_MAX", "Highest available external score.", maxOf(ext)),
    derived(
      "EXT_SOURCES_PRODUCT",
      "Product of the three external scores (missing if any is missing).",
      mul(mul(ext[0], ext[1]), ext[2]),
    ),
    derived(
      "EXT_SOURCES_WEIGHTED",
      "External scores weighted 2, 1 and 3 and summed (missing if any is missing).",
      add(add(mul(ext[0], num(2)), ext[1]), mul(ext[2], num(3))),
    ),
    derived(
      "EXT_SOURCES_MISSING_COUNT",
      "How many of the three external scores are missing.",
      sub(num(3), countOf(ext)),
    ),
    derived("EXT_SOURCE_2_3_GAP", "EXT_SOURCE_3 minus EXT_SOURCE_2.", sub(ext[2], ext[1])),
    derived(
      "DOCUMENT_COUNT",
      "Number of documents provided (sum of FLAG_DOCUMENT_2..21).",
      sumOf(matching(/^FLAG_DOCUMENT_\d+$/)),
    ),
    derived(
      "CONTACT_FLAG_COUNT",
      "Number of contact channels given (mobile, work and home phones, e-mail).",
      sumOf(
        [
          "FLAG_MOBIL",
          "FLAG_EMP_PHONE",
          "FLAG_WORK_PHONE",
          "FLAG_CONT_MOBILE",
          "FLAG_PHONE",
          "FLAG_EMAIL",
        ].map(col),
      ),
    ),
    derived(
      "ADDRESS_MISMATCH_COUNT",
      "Number of region and city mismatches between home, registration and work addresses.",
      sumOf(matching(/^(REG|LIVE)_(REGION|CITY)_NOT_/)),
    ),
    derived(
      "BUREAU_ENQUIRY_COUNT",
      "Credit bureau enquiries over the last year, all horizons summed.",
      sumOf(matching(/^AMT_REQ_CREDIT_BUREAU_/)),
    ),
    derived(
      "SOCIAL_DEFAULT_30_SHARE",
      "Share of the social circle observed 30 days past due that defaulted.",
      ratio(col("DEF_30_CNT_SOCIAL_CIRCLE"), col("OBS_30_CNT_SOCIAL_CIRCLE")),
    ),
    derived(
      "CHILDREN_SHARE",
      "Children as a share of family members.",
      ratio(col("CNT_CHILDREN"), col("CNT_FAM_MEMBERS")),
    ),
    {
      name: "age_band",
      type: "categorical",
      levels: [...AGE_BANDS],
      source: SOURCE,
      description: "Age band of the applicant (age = -DAYS_BIRTH / 365.25 years): " +
        "0-24, 25-34, 35-44, 45-54, 55-64, 65+, each band from its lower bound up to " +
        "but not including the next; a protected attribute (governance.protected).",
      expr: ageBandCode(ageYears),
    },
  ];
}

function buildApplicationFeatures(): ExprFeature[] {
  const columns = tableSchema("application_train").columns;
  const raw = columns
    .filter((c) => c.name !== APPLICATION_KEY && c.name !== APPLICATION_TARGET)
    .map(rawFeature);
  return [...raw, ...engineeredFeatures(columns)];
}

/** Every application-level feature in feature-store order: raw columns, then engineered. */
export const APPLICATION_FEATURES: readonly ExprFeature[] = buildApplicationFeatures();

/**
 * The SQL select list (`expr AS "NAME", …`) of the application-level features over the
 * application table (aliased `table`); categoricals and flags come out as INTEGER.
 */
export function applicationFeaturesSql(table = "a"): string {
  return APPLICATION_FEATURES.map((feature) => {
    const value = compileExprSql(feature.expr, { table });
    const typed = feature.type === "numeric" ? value : `CAST(${value} AS INTEGER)`;
    return `${typed} AS ${quoteIdent(feature.name)}`;
  }).join(",\n  ");
}

/**
 * Computes every application-level feature of one raw application row (Kaggle column
 * names, text categoricals), exactly as the feature store does.
 * @example
 * ```ts
 * import { computeApplicationFeatures } from "./application.ts";
 * const features = computeApplicationFeatures({ AMT_CREDIT: 2e5, AMT_INCOME_TOTAL: 1e5 });
 * if (features.CREDIT_INCOME_RATIO !== 2) throw new Error("expected a ratio of 2");
 * ```
 */
export function computeApplicationFeatures(row: InputRow): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const feature of APPLICATION_FEATURES) out[feature.name] = evaluateExpr(feature.expr, row);
  return out;
}
