/**
 * Writes the static drift site: index, one page per feature (and the score), history,
 * the query page with its duckdb-wasm assets and the window parquet, report.json, the
 * challenger page with challenger.json.
 * The site is built in a sibling temp folder and swapped in, so a reader (or the API
 * serving /drift/) never sees half a site.
 */
import { basename, dirname, join } from "node:path";
import type { Lineage } from "../../report/mod.ts";
import type { DriftHistory, DriftReport } from "../stats/mod.ts";
import { openDuckDb, quoteLiteral } from "../../duckdb/mod.ts";
import { copyDuckDbAssets, findAssetSources, WINDOW_CSV, WINDOW_FILE } from "./assets.ts";
import { type FeatureValues, renderFeaturePage } from "./feature_page.ts";
import { renderHistoryPage } from "./history_page.ts";
import { renderIndexPage } from "./index_page.ts";
import { featurePath, PREDICTION_PAGE } from "./links.ts";
import { renderQueryPage } from "./query_page.ts";
import { PERFORMANCE_PAGE, renderNoPerformancePage } from "./performance_page.ts";
import { carryPerformanceOver } from "./performance_write.ts";
import { CHALLENGER_PAGE, CHALLENGER_REPORT, renderChallengerPage } from "./challenger_page.ts";
import type { ChallengerReport, VersionPairs } from "../challenger/mod.ts";

/** Everything the site shows. */
export interface DriftSiteInput {
  report: DriftReport;
  history: DriftHistory;
  lineage: Lineage;
  /** Values behind each judged feature's charts, by name. */
  values: Map<string, FeatureValues>;
  /** Scores behind the prediction drift page (when the report has prediction drift). */
  scores?: FeatureValues;
  /** A parquet file of the current window, copied as current.parquet. */
  windowParquet: string;
  /**
   * The window's champion/challenger comparison and the pairs behind it (absent: a window
   * without pairs, which the challenger page says).
   */
  challenger?: { report: ChallengerReport; groups: readonly VersionPairs[] };
  /** node_modules folder holding @duckdb/duckdb-wasm (default "node_modules"). */
  nodeModules?: string;
}

/**
 * Writes the site to `outDir` (replacing what was there) and returns the pages written.
 * @example
 * ```ts
 * import { writeDriftSite } from "./write.ts";
 * import { compareWindows, historyEntry } from "../stats/mod.ts";
 * import { openDuckDb } from "../../duckdb/mod.ts";
 * const dir = await Deno.makeTempDir(); // e.g. reports/drift
 * const column = Float64Array.from({ length: 100 }, (_, i) => i);
 * const report = compareWindows(
 *   {
 *     features: [{ name: "a", type: "numeric", source: "a", description: "a" }],
 *     reference: [column],
 *     current: [column],
 *   },
 *   { source: "window.parquet", rows: 100 },
 *   { generatedAt: "2026-01-01T00:00:00Z" },
 * );
 * const windowParquet = `${dir}/window.parquet`;
 * const conn = await openDuckDb({ threads: 1 });
 * await conn.run(`copy (select i::DOUBLE as a from range(100) t(i)) to '${windowParquet}'`);
 * conn.closeSync();
 * const written = await writeDriftSite(`${dir}/site`, {
 *   report,
 *   history: { formatVersion: 1, runs: [historyEntry(report)] },
 *   lineage: { generatedAt: report.generatedAt },
 *   values: new Map([["a", { reference: column, current: column }]]),
 *   windowParquet,
 * });
 * await Deno.remove(dir, { recursive: true });
 * if (!written.some((path) => path.endsWith("index.html"))) throw new Error(`wrote ${written}`);
 * ```
 */
export async function writeDriftSite(outDir: string, input: DriftSiteInput): Promise<string[]> {
  const sources = await findAssetSources(input.nodeModules);
  const staging = join(dirname(outDir), `.${basename(outDir)}.${crypto.randomUUID()}.tmp`);
  const pages: string[] = [];
  const write = async (path: string, text: string) => {
    await Deno.mkdir(dirname(join(staging, path)), { recursive: true });
    await Deno.writeTextFile(join(staging, path), text);
    pages.push(path);
  };
  try {
    const { report, lineage } = input;
    await write("index.html", renderIndexPage(report, lineage));
    if (report.prediction) {
      if (input.scores === undefined) {
        throw new RangeError(
          "Cannot write the drift site: the report has prediction drift but no scores",
        );
      }
      await write(PREDICTION_PAGE, renderFeaturePage(report.prediction, input.scores, lineage, 0));
    }
    for (const drift of report.features) {
      const values = input.values.get(drift.name);
      if (values === undefined) {
        throw new RangeError(`Cannot write the drift site: no values for "${drift.name}"`);
      }
      await write(featurePath(drift.name), renderFeaturePage(drift, values, lineage));
    }
    await write("history.html", renderHistoryPage(input.history, report.thresholds, lineage));
    const fromLog = (report.window.modelVersions?.length ?? 0) > 0;
    await write("query.html", renderQueryPage(lineage, fromLog));
    // The performance page is written by its own run: the site keeps the latest one.
    await carryPerformanceOver(outDir, staging, () => renderNoPerformancePage(lineage));
    pages.push(PERFORMANCE_PAGE);
    const challenger = input.challenger ?? {
      report: {
        generatedAt: report.generatedAt,
        window: { source: report.window.source },
        pairs: 0,
        unpaired: { champion: 0, challenger: 0 },
        comparisons: [],
      },
      groups: [],
    };
    await write(
      CHALLENGER_PAGE,
      renderChallengerPage(challenger.report, challenger.groups, lineage),
    );
    await Deno.writeTextFile(
      join(staging, CHALLENGER_REPORT),
      JSON.stringify(challenger.report, null, 2) + "\n",
    );
    await Deno.writeTextFile(join(staging, "report.json"), JSON.stringify(report, null, 2) + "\n");
    await Deno.copyFile(input.windowParquet, join(staging, WINDOW_FILE));
    await writeCsvCopy(join(staging, WINDOW_FILE), join(staging, WINDOW_CSV));
    await copyDuckDbAssets(staging, sources);
    await swapIn(staging, outDir);
  } catch (error) {
    await Deno.remove(staging, { recursive: true }).catch(() => {});
    throw error;
  }
  return pages;
}

async function writeCsvCopy(parquet: string, csv: string): Promise<void> {
  const conn = await openDuckDb({ threads: 1 });
  try {
    await conn.run(
      `copy (select * from read_parquet(${quoteLiteral(parquet)})) to ${
        quoteLiteral(csv)
      } (header, delimiter ',')`,
    );
  } finally {
    conn.closeSync();
  }
}

async function swapIn(staging: string, outDir: string): Promise<void> {
  const old = `${staging}.old`;
  let hadOld = true;
  try {
    await Deno.rename(outDir, old);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    hadOld = false;
  }
  await Deno.rename(staging, outDir);
  if (hadOld) await Deno.remove(old, { recursive: true });
}
