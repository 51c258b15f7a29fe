/**
 * The feature store: application-level features defined once (SQL for the store, JS for
 * the server), history aggregates in DuckDB SQL, categorical encoding, the
 * manifest schema and `readManifest`, and `readDataset` (parquet to a model dataset).
 */
export {
  FeatureManifest,
  ManifestFeature,
  readManifest,
  TextColumn,
  TextTerm,
} from "./manifest/mod.ts";
export { readDataset } from "./read_dataset.ts";
export {
  featureStoreContract,
  type SplitPaths,
  validateFeatureStore,
  validateSplit,
} from "./store_contract.ts";
export {
  APPLICATION_FEATURES,
  APPLICATION_KEY,
  APPLICATION_TABLE,
  APPLICATION_TARGET,
  applicationFeaturesSql,
  computeApplicationFeatures,
} from "./application.ts";
export type { ExprFeature } from "./definition.ts";
export { decodeLevel, encodeLevel, sortLevels } from "./encoding.ts";
export type { Expr } from "./expression.ts";
export { compileExprSql } from "./expression_sql.ts";
export { evaluateExpr } from "./expression_eval.ts";
export { type CompiledExpr, compileExpr } from "./compiled_expr.ts";
export type { InputRow } from "./expression_eval.ts";
export { isCountFeature, loadAggregateGroups, parseAggregateFeatures } from "./aggregates.ts";
export type { AggregateGroup } from "./aggregates.ts";
export { createFeatureMacros, homeCreditManifest, homeCreditStoreSql } from "./store_sql.ts";
export { planCsvStore, ROW_NUMBER_KEY, STORE_TARGET } from "./csv_store.ts";
export type { CsvStoreOptions, CsvStorePlan } from "./csv_store.ts";
export { buildFeatureStore, FEATURE_STORE_FILE, MANIFEST_FILE } from "./build.ts";
export { requestFeatures } from "./request.ts";
export type { BuildFeatureStoreOptions, FeatureStoreResult } from "./build.ts";
