/**
 * The SQL that assembles the Home Credit feature store: application-level features
 * joined with the history aggregates, one row per applicant, and the manifest that
 * describes its columns in the same order.
 */
import { quoteIdent } from "../duckdb/mod.ts";
import type { DuckDBConnection } from "../duckdb/mod.ts";
import {
  APPLICATION_FEATURES,
  APPLICATION_KEY,
  APPLICATION_TARGET,
  applicationFeaturesSql,
} from "./application.ts";
import { type AggregateGroup, isCountFeature } from "./aggregates.ts";
import { toManifestFeature } from "./definition.ts";
import type { FeatureManifest } from "./manifest/mod.ts";

/**
 * Defines the SQL macros the aggregate files use. `safe_div` is NULL on a zero
 * denominator. `exact_sum`/`exact_avg` add in DECIMAL(38, 18): a parallel DOUBLE sum
 * depends on how rows were spread over threads, and its last bits would make the store
 * differ from run to run; values beyond ±1e20 (or not finite) read as NULL.
 */
export async function createFeatureMacros(conn: DuckDBConnection): Promise<void> {
  await conn.run(
    "CREATE OR REPLACE MACRO safe_div(n, d) AS CASE WHEN d = 0 THEN NULL ELSE n / d END",
  );
  await conn.run(
    "CREATE OR REPLACE MACRO exact_sum(x) AS CAST(sum(TRY_CAST(x AS DECIMAL(38, 18))) AS DOUBLE)",
  );
  await conn.run(
    "CREATE OR REPLACE MACRO exact_avg(x) AS CAST(avg(TRY_CAST(x AS DECIMAL(38, 18))) AS DOUBLE)",
  );
}

/**
 * The SELECT producing the feature store from tables (or views) named like the Kaggle
 * tables: key, TARGET as INTEGER, application features, then each group's aggregates.
 */
export function homeCreditStoreSql(groups: readonly AggregateGroup[]): string {
  const key = quoteIdent(APPLICATION_KEY);
  const select = [
    `a.${key}`,
    `CAST(a.${quoteIdent(APPLICATION_TARGET)} AS INTEGER) AS ${quoteIdent(APPLICATION_TARGET)}`,
    applicationFeaturesSql("a"),
  ];
  const joins: string[] = [];
  groups.forEach((group, i) => {
    const alias = `g${i}`;
    for (const feature of group.features) {
      const ref = `${alias}.${quoteIdent(feature.name)}`;
      const value = isCountFeature(feature.name)
        ? `CAST(coalesce(${ref}, 0) AS DOUBLE)`
        : `CAST(${ref} AS DOUBLE)`;
      select.push(`CASE WHEN isfinite(${value}) THEN ${value} END AS ${quoteIdent(feature.name)}`);
    }
    joins.push(`LEFT JOIN (\n${group.sql}\n) AS ${alias} ON ${alias}.${key} = a.${key}`);
  });
  return [
    `SELECT\n  ${select.join(",\n  ")}`,
    `FROM application_train AS a`,
    ...joins,
    `ORDER BY a.${key}`,
  ].join("\n");
}

/** The manifest of the Home Credit feature store built by {@link homeCreditStoreSql}. */
export function homeCreditManifest(groups: readonly AggregateGroup[]): FeatureManifest {
  return {
    formatVersion: 1,
    key: APPLICATION_KEY,
    target: APPLICATION_TARGET,
    features: [
      ...APPLICATION_FEATURES.map(toManifestFeature),
      ...groups.flatMap((group) => group.features),
    ],
  };
}
