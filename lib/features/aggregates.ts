/**
 * The per-applicant history aggregates: one DuckDB SQL file per source table group in
 * `sql/`, each documenting its feature columns inline (`<expr> AS NAME, -- description`).
 * The manifest entries are read from those comments, so a feature is written once.
 */
import type { TableName } from "../contracts/home_credit_schema.ts";
import type { ManifestFeature } from "./manifest/mod.ts";

/** One SQL file of per-applicant aggregates. */
export interface AggregateGroup {
  /** File name under lib/features/sql/. */
  file: string;
  /** Tables the SQL reads (as views of the same name). */
  tables: TableName[];
  /** The SELECT statement, one row per SK_ID_CURR with history. */
  sql: string;
  /** Its feature columns in SELECT order (SK_ID_CURR excluded). */
  features: ManifestFeature[];
}

const GROUPS: { file: string; tables: TableName[] }[] = [
  { file: "bureau.sql", tables: ["bureau", "bureau_balance"] },
  { file: "previous_application.sql", tables: ["previous_application"] },
  { file: "pos_cash_balance.sql", tables: ["POS_CASH_balance"] },
  { file: "installments_payments.sql", tables: ["installments_payments"] },
  { file: "credit_card_balance.sql", tables: ["credit_card_balance"] },
];

const SOURCE_BY_PREFIX: [string, TableName][] = [
  ["BURO_BALANCE_", "bureau_balance"],
  ["BURO_", "bureau"],
  ["PREV_", "previous_application"],
  ["POS_", "POS_CASH_balance"],
  ["INST_", "installments_payments"],
  ["CC_", "credit_card_balance"],
];

const FEATURE_LINE = /\bAS\s+([A-Z][A-Z0-9_]*)\s*,?\s*--\s*(.+?)\s*$/;

/**
 * Count features (name ending in `_COUNT`) are 0 for an applicant without history;
 * every other aggregate is NULL then.
 */
export function isCountFeature(name: string): boolean {
  return name.endsWith("_COUNT");
}

/** Reads the aggregate SQL files and the features they declare. */
export function loadAggregateGroups(): AggregateGroup[] {
  return GROUPS.map(({ file, tables }) => {
    const sql = Deno.readTextFileSync(new URL(`./sql/${file}`, import.meta.url));
    return { file, tables, sql, features: parseAggregateFeatures(file, sql) };
  });
}

/** Extracts `AS NAME, -- description` feature declarations from aggregate SQL. */
export function parseAggregateFeatures(file: string, sql: string): ManifestFeature[] {
  const features: ManifestFeature[] = [];
  for (const line of sql.split("\n")) {
    if (line.trimStart().startsWith("--")) continue;
    const match = FEATURE_LINE.exec(line);
    if (!match) continue;
    const [, name, description] = match;
    features.push({ name, type: "numeric", source: sourceOf(file, name), description });
  }
  if (features.length === 0) {
    throw new SyntaxError(
      `Cannot read aggregate SQL "${file}": no "AS NAME, -- description" lines`,
    );
  }
  return features;
}

function sourceOf(file: string, name: string): TableName {
  const hit = SOURCE_BY_PREFIX.find(([prefix]) => name.startsWith(prefix));
  if (!hit) {
    throw new SyntaxError(
      `Cannot read aggregate SQL "${file}": feature "${name}" has no known source prefix`,
    );
  }
  return hit[1];
}
