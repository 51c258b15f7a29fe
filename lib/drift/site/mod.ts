/**
 * The static drift site: index, one page per feature (and the score), history, the SQL
 * query page with duckdb-wasm's assets, and where each page lives.
 */
export { type DriftSiteInput, writeDriftSite } from "./write.ts";
export { renderIndexPage } from "./index_page.ts";
export { type FeatureValues, renderFeaturePage } from "./feature_page.ts";
export { renderHistoryPage } from "./history_page.ts";
export { renderQueryPage } from "./query_page.ts";
export {
  ARROW_SCRIPT,
  type AssetSources,
  copyDuckDbAssets,
  DUCKDB_DIR,
  findAssetSources,
  WINDOW_CSV,
  WINDOW_FILE,
} from "./assets.ts";
export { featurePath, PREDICTION_PAGE, siteNav } from "./links.ts";
export { statusBadge } from "./status.ts";
export {
  PERFORMANCE_PAGE,
  PERFORMANCE_REPORT,
  renderNoPerformancePage,
  renderPerformancePage,
} from "./performance_page.ts";
export { carryPerformanceOver, writePerformanceSite } from "./performance_write.ts";
export { CHALLENGER_PAGE, CHALLENGER_REPORT, renderChallengerPage } from "./challenger_page.ts";
