/**
 * One drift run, end to end: the training split (scored with the production model) as
 * reference, a window file as current, the comparison, the history appended, the site
 * written. The CLI (lib/cli/drift.ts) is a thin wrapper around {@link runDrift}.
 */
import { join } from "node:path";
import { openDuckDb, quoteLiteral } from "../duckdb/mod.ts";
import { readManifest } from "../features/manifest/mod.ts";
import { DEFAULT_DRIFT_THRESHOLDS, type DriftThresholds } from "./stats/mod.ts";
import { hashFile } from "../pipeline/store/hash.ts";
import type { Lineage } from "../report/mod.ts";
import { compareWindows, type DriftReport } from "./stats/mod.ts";
import { appendHistory } from "./history.ts";
import { loadProductionModel, scoreColumns } from "./reference.ts";
import { resolveReference } from "./reference_side.ts";
import { writeDriftSite } from "./site/write.ts";
import type { FeatureValues } from "./site/feature_page.ts";
import { readFileSql, readWindow, windowFeatures } from "./window.ts";
import { windowOutliers } from "./outlier_rate.ts";
import { compareChallenger, shadowPairs } from "./challenger/mod.ts";

/** Options of {@link runDrift}; paths default to the pipeline's. */
export interface DriftRunOptions {
  /** Parquet or CSV file of the current window (an inference-log export or application rows). */
  window: string;
  manifestPath?: string;
  referencePath?: string;
  registry?: string;
  outDir?: string;
  historyPath?: string;
  thresholds?: DriftThresholds;
  /** Recorded in the page headers. */
  gitCommit?: string;
  /** Injected for tests. */
  now?: Date;
  nodeModules?: string;
  /** Called before each step of the run: steps done, of all, and the next one. */
  onProgress?: (done: number, total: number, step: string) => void;
}

/** The steps a run reports through `onProgress`, in order. */
export const DRIFT_STEPS = [
  "reading the reference",
  "reading the window",
  "comparing",
  "writing the site",
] as const;

/** The paths a default run reads and writes. */
export const DRIFT_DEFAULTS = {
  // The split's manifest describes train.parquet: free text as its TF-IDF features.
  manifestPath: "data/split/manifest.json",
  referencePath: "data/split/train.parquet",
  registry: "data/registry",
  outDir: "reports/drift",
  historyPath: "data/drift/history.json",
} as const;

/**
 * True when a window's logged scores can be compared with the reference's scores, which
 * come from the production version: every row must have been scored by that version.
 * @example
 * ```ts
 * import { loggedScoresComparable } from "./run.ts";
 * const comparable = loggedScoresComparable({ scores: Float64Array.of(0.1), modelVersions: ["v0002"] }, "v0003");
 * if (comparable) throw new Error("expected false: the log is of another version");
 * ```
 */
export function loggedScoresComparable(
  window: { scores?: Float64Array; modelVersions: readonly string[] },
  productionVersion: string | undefined,
): boolean {
  return window.scores !== undefined && productionVersion !== undefined &&
    window.modelVersions.length > 0 && window.modelVersions.every((v) => v === productionVersion);
}

/**
 * Runs drift and writes the site; returns the report.
 * @example
 * ```ts
 * import { runDrift } from "./run.ts";
 * import { openDuckDb } from "../duckdb/mod.ts";
 * const dir = await Deno.makeTempDir();
 * const feature = { name: "AMT_CREDIT", type: "numeric", source: "application_train", description: "Credit" };
 * const manifest = { formatVersion: 1, key: "SK_ID_CURR", target: "TARGET", features: [feature] };
 * await Deno.writeTextFile(`${dir}/manifest.json`, JSON.stringify(manifest));
 * const conn = await openDuckDb({ threads: 1 });
 * await conn.run(
 *   `copy (select i::BIGINT as SK_ID_CURR, (i % 2)::BIGINT as TARGET, (i * 1000)::DOUBLE as AMT_CREDIT ` +
 *     `from range(200) t(i)) to '${dir}/train.parquet' (format parquet)`,
 * );
 * await conn.run(
 *   `copy (select (i * 1000)::DOUBLE as AMT_CREDIT from range(200) t(i)) to '${dir}/window.csv'`,
 * );
 * conn.closeSync();
 * // defaults: data/split/{manifest.json,train.parquet}, data/registry, reports/drift, data/drift/
 * const report = await runDrift({
 *   window: `${dir}/window.csv`,
 *   manifestPath: `${dir}/manifest.json`,
 *   referencePath: `${dir}/train.parquet`,
 *   registry: `${dir}/registry`,
 *   outDir: `${dir}/site`,
 *   historyPath: `${dir}/history.json`,
 * });
 * await Deno.remove(dir, { recursive: true });
 * if (report.dataset.datasetDrifted) throw new Error("the window is the reference: no drift");
 * ```
 */
export async function runDrift(options: DriftRunOptions): Promise<DriftReport> {
  const o = { ...DRIFT_DEFAULTS, ...options };
  const thresholds = o.thresholds ?? DEFAULT_DRIFT_THRESHOLDS;
  const generatedAt = (o.now ?? new Date()).toISOString();
  const step = (i: number) => o.onProgress?.(i, DRIFT_STEPS.length, DRIFT_STEPS[i] ?? "done");
  step(0);
  const manifest = await readManifest(o.manifestPath);
  const production = await loadProductionModel(o.registry);
  const reference = await resolveReference(
    o.referencePath,
    manifest,
    production,
    thresholds.bins,
  );
  step(1);
  const read = production?.read;
  const window = await readWindow(o.window, { allText: read !== undefined });
  const current = windowFeatures(window, manifest, production?.snapshot, read);
  // Logged scores stand beside the reference's only when the production version gave
  // them all; otherwise the window is scored again with that version.
  step(2);
  const logged = loggedScoresComparable(window, production?.version);
  const currentScores = logged
    ? window.scores
    : production && window.rows.length > 0
    ? scoreColumns(production.model, manifest, current.columns)
    : undefined;
  const outliers = windowOutliers({
    rows: window.rows.length,
    ...(window.outlierFlags ? { loggedFlags: window.outlierFlags } : {}),
    modelVersions: window.modelVersions,
    productionVersion: production?.version,
    outliers: production?.outliers,
    manifest,
    columns: current.columns,
  });
  const report = compareWindows(
    {
      features: manifest.features,
      reference: reference.columns,
      current: current.columns,
      referenceScores: reference.scores,
      currentScores,
      absent: current.absent,
    },
    {
      source: o.window,
      rows: window.rows.length,
      ...(window.from ? { from: window.from, to: window.to } : {}),
      modelVersions: window.modelVersions,
      ...(currentScores ? { scoreSource: logged ? "logged" as const : "rescored" as const } : {}),
      ...(read === undefined
        ? {}
        : { unseenLevels: current.unseenLevels, unreadable: current.unreadable }),
      ...(outliers === undefined ? {} : { outliers }),
    },
    { generatedAt, modelVersion: production?.version, thresholds, reference: reference.source },
  );
  const pairs = shadowPairs(window.pairRows ?? []);
  const challenger = compareChallenger(
    pairs,
    { source: o.window, ...(window.from ? { from: window.from, to: window.to } : {}) },
    generatedAt,
  );
  const history = await appendHistory(o.historyPath, report);
  const values = new Map<string, FeatureValues>();
  manifest.features.forEach((f, j) => {
    values.set(f.name, { ...reference.chartValues(j), current: current.columns[j] });
  });
  const lineage: Lineage = {
    modelVersion: production?.version,
    dataHashes: {
      [o.referencePath]: reference.sha256,
      [o.window]: await hashFile(o.window),
    },
    params: { drift: thresholds },
    gitCommit: o.gitCommit,
    generatedAt,
  };
  step(3);
  const parquet = await asParquet(o.window);
  try {
    await writeDriftSite(o.outDir, {
      report,
      history,
      lineage,
      values,
      ...(reference.scores && currentScores
        ? { scores: { ...reference.chartValues(-1), current: currentScores } }
        : {}),
      challenger: { report: challenger, groups: pairs.groups },
      windowParquet: parquet.path,
      nodeModules: o.nodeModules,
    });
  } finally {
    await parquet.cleanup();
  }
  step(4);
  return report;
}

/** The window as parquet: the file itself, or a temp conversion of a CSV. */
async function asParquet(path: string): Promise<{ path: string; cleanup: () => Promise<void> }> {
  if (path.toLowerCase().endsWith(".parquet")) return { path, cleanup: async () => {} };
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-drift-" });
  const out = join(dir, "current.parquet");
  const conn = await openDuckDb({ threads: 1 });
  try {
    await conn.run(
      `copy (select * from ${readFileSql(path)}) to ${quoteLiteral(out)} (format parquet)`,
    );
  } finally {
    conn.closeSync();
  }
  return { path: out, cleanup: () => Deno.remove(dir, { recursive: true }) };
}
