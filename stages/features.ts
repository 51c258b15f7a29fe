/**
 * Stage `features`: builds data/features/{feature_store.parquet, manifest.json} from
 * data/raw/parquet and validates the store against its manifest
 * (reports/validation/features.json); exits non-zero on a contract failure.
 */
import "../lib/stage/entry.ts";
import { loadParamsSection } from "../lib/stage/params.ts";
import { DataParams } from "../lib/data/params.ts";
import { buildFeatureStore } from "../lib/features/mod.ts";
import { openDuckDb } from "../lib/duckdb/mod.ts";
import { formatSummary, writeReport } from "../lib/contracts/mod.ts";
import { validateFeatureStore } from "../lib/features/store_contract.ts";
import { createProgress } from "../lib/progress/mod.ts";

const data = await loadParamsSection("data", DataParams);
// Without a csv section (synthetic or Home Credit data) the store's target is "target".
const csv = data.csv ?? { id_column: null, target_column: "target", positive_label: "1" };
const started = performance.now();
const progress = createProgress({ label: "features", total: 100 });
const result = await buildFeatureStore({
  parquetDir: "data/raw/parquet",
  outDir: "data/features",
  csv: {
    idColumn: csv.id_column,
    targetColumn: csv.target_column,
    positiveLabel: csv.positive_label,
  },
  onProgress: (percent) => progress.update(Math.round(percent)),
});
progress.finish();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `features: ${result.rows} rows × ${result.manifest.features.length} features ` +
    `(${result.source}) in ${seconds}s → ${result.storePath}`,
);

const conn = await openDuckDb();
const report = await validateFeatureStore(conn, result.storePath, result.manifest);
conn.closeSync();
await writeReport("reports/validation/features.json", report);
if (!report.ok) {
  console.error(formatSummary(report));
  Deno.exit(1);
}
