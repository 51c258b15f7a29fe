/**
 * Stage `split`: data/features/feature_store.parquet → data/split/{train,test}.parquet
 * and data/split/report.json (seeded, stratified on the target, leakage-screened), then
 * the split contract (reports/validation/split.json). Exits 1 on a refused split.
 */
import "../lib/stage/entry.ts";
import { loadParamsSection } from "../lib/stage/params.ts";
import { SplitParams } from "../lib/split/params.ts";
import { SPLIT_MANIFEST_FILE, SplitCheckError, splitFeatureStore } from "../lib/split/mod.ts";
import { FeaturesParams } from "../lib/features/params.ts";
import { readManifest } from "../lib/features/manifest/mod.ts";
import { openDuckDb } from "../lib/duckdb/mod.ts";
import { formatSummary, writeReport } from "../lib/contracts/mod.ts";
import { validateSplit } from "../lib/features/store_contract.ts";
import { createProgressReporter } from "../lib/progress/mod.ts";

const params = await loadParamsSection("split", SplitParams);
const { text } = await loadParamsSection("features", FeaturesParams);
const manifest = await readManifest("data/features/manifest.json");
const progress = createProgressReporter("split");
try {
  const report = await splitFeatureStore({
    storePath: "data/features/feature_store.parquet",
    manifest,
    outDir: "data/split",
    testSize: params.test_size,
    seed: params.seed,
    targetRateTolerance: params.target_rate_tolerance,
    leakageAucMax: params.leakage_auc_max,
    text: {
      maxVocabulary: text.max_vocabulary,
      minDocumentFrequency: text.min_document_frequency,
    },
    onProgress: progress.update,
  });
  progress.finish();
  const { rows, targetRate } = report;
  console.log(
    `split: train ${rows.train} rows (rate ${targetRate.train.toFixed(4)}), ` +
      `test ${rows.test} rows (rate ${targetRate.test.toFixed(4)}); ` +
      `${report.leakage.screened} features screened for leakage`,
  );
  for (const warning of report.warnings) console.error(`warning: ${warning}`);
} catch (error) {
  progress.stop("refused");
  if (!(error instanceof SplitCheckError)) throw error;
  console.error(error.message);
  Deno.exit(1);
}

// The parts hold the split manifest's columns: free text replaced by its TF-IDF features.
const splitManifest = await readManifest(`data/split/${SPLIT_MANIFEST_FILE}`);
const conn = await openDuckDb();
const validation = await validateSplit(
  conn,
  { train: "data/split/train.parquet", test: "data/split/test.parquet" },
  splitManifest,
);
conn.closeSync();
await writeReport("reports/validation/split.json", validation);
if (!validation.ok) {
  console.error(formatSummary(validation));
  Deno.exit(1);
}
