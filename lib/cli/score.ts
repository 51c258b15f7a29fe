/**
 * `deno task score --input file.(csv|parquet) --output scores.parquet [--explain]
 * [--version vNNNN] [--registry DIR] [--report issues.json] [--log]`: scores a file with the
 * Production version (or the one named), shows progress, and lists bad input rows
 * (row, field, rule) instead of stopping at the first. Exit code 0 when at least one row
 * was scored (bad rows left out and counted), 1 when no row was scored or on failure, 2 on a
 * usage error.
 */
import { parseArgs, UsageError } from "./args.ts";
import { runEntry } from "./entry.ts";
import { renderTable } from "./table.ts";
import { createProgress } from "../progress/mod.ts";
import { scoreFile, type ScoreFileResult } from "../scoring/mod.ts";
import { DEFAULT_SQLITE_PATH, openLogStore } from "../inference_log/mod.ts";

/** Usage text of `score`. */
export const SCORE_USAGE =
  `Usage: deno task score --input FILE.(csv|parquet) --output SCORES.parquet [options]
  --input FILE       rows to score, CSV or parquet, columns as the version's contract (required)
  --output FILE      scores parquet to write (required)
  --explain          add the top three reasons each way, a sentence and up to four
                     principal reasons (the version's reason codes) per row
  --version vNNNN    score with this version (default: the Production version)
  --registry DIR     registry directory (default data/registry, or env RISKPIPE_REGISTRY)
  --report FILE      write every listed bad-row issue as JSON (default: none)
  --chunk N          rows per ONNX run (default 4096)
  --log              log every scored row to the inference log (endpoint "score"):
                     PostgreSQL when env DATABASE_URL is set, else SQLite
  --log-db FILE      SQLite inference log (default data/inference_log/log.db; wins over
                     DATABASE_URL)
  -h, --help         print this help
Exit codes: 0 at least one row scored (rejected rows are counted on stderr), 1 no row
scored or an error, 2 a usage error`;

/** Bad-row issues printed on the terminal; the rest are counted (and in --report). */
const PRINTED_ISSUES = 20;

/** Runs the score command; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(SCORE_USAGE);
    return 0;
  }
  const flags = parseArgs("score", args, {
    booleans: ["explain", "log"],
    strings: ["input", "output", "version", "registry", "report", "chunk", "log-db"],
  });
  const inputPath = required(flags.strings.get("input"), "--input");
  const outputPath = required(flags.strings.get("output"), "--output");
  if (!outputPath.endsWith(".parquet")) {
    throw new UsageError(`--output must name a .parquet file, got "${outputPath}"`);
  }
  const chunkText = flags.strings.get("chunk");
  const chunkRows = chunkText === undefined ? undefined : Number(chunkText);
  if (chunkRows !== undefined && !(Number.isInteger(chunkRows) && chunkRows > 0)) {
    throw new UsageError(`--chunk must be a positive integer, got "${chunkText}"`);
  }
  const logDb = flags.strings.get("log-db");
  const logStore = flags.booleans.has("log")
    ? await openLogStore({
      // An explicit --log-db wins over DATABASE_URL.
      databaseUrl: logDb === undefined ? Deno.env.get("DATABASE_URL") || undefined : undefined,
      sqlitePath: logDb ?? DEFAULT_SQLITE_PATH,
    })
    : undefined;
  let progress: ReturnType<typeof createProgress> | undefined;
  const scoring = scoreFile({
    inputPath,
    outputPath,
    registry: flags.strings.get("registry") ?? Deno.env.get("RISKPIPE_REGISTRY"),
    version: flags.strings.get("version"),
    explain: flags.booleans.has("explain"),
    chunkRows,
    logStore,
    onProgress(done, total) {
      progress ??= createProgress({ label: "score", total });
      progress.update(done);
    },
  });
  const result = await scoring.finally(() => logStore?.close());
  progress?.finish();
  const report = flags.strings.get("report");
  if (report !== undefined) {
    await Deno.writeTextFile(report, JSON.stringify(result.issues, null, 2) + "\n");
  }
  console.log(summarise(result, outputPath));
  const verdict = rejectionVerdict(result);
  if (verdict !== undefined) console.error(verdict);
  if (logStore !== undefined) {
    const { written, dropped } = logStore.stats();
    console.log(
      `logged ${written} rows to the inference log${dropped ? ` (${dropped} dropped)` : ""}`,
    );
  }
  return result.scoredRows === 0 ? 1 : 0;
}

/**
 * One line on rejected rows, or undefined when every row was scored: how many were left
 * out and the most common "field: rule"; it starts with "No row was scored" when none was.
 * @example
 * ```ts
 * import { rejectionVerdict } from "./score.ts";
 * const verdict = rejectionVerdict({
 *   modelVersion: "v0001",
 *   inputRows: 4000,
 *   scoredRows: 0,
 *   issues: { badRows: 4000, listed: [], counts: { "AMT_CREDIT: finite": 4000 }, ignoredColumns: [] },
 *   tiers: {},
 * });
 * // "No row was scored: all 4000 rows were rejected; most common: AMT_CREDIT: finite (4000 rows)"
 * if (!verdict?.startsWith("No row was scored")) throw new Error(verdict);
 * ```
 */
export function rejectionVerdict(result: ScoreFileResult): string | undefined {
  const rejected = result.inputRows - result.scoredRows;
  if (result.inputRows === 0) return "No row was scored: the input has no data rows";
  if (rejected === 0) return undefined;
  const common = mostCommonIssue(result.issues.counts);
  const why = common === undefined ? "" : `; most common: ${common[0]} (${common[1]} rows)`;
  return result.scoredRows === 0
    ? `No row was scored: all ${rejected} rows were rejected${why}`
    : `${rejected} of ${result.inputRows} rows were rejected${why}`;
}

function mostCommonIssue(counts: Record<string, number>): [string, number] | undefined {
  let best: [string, number] | undefined;
  for (const entry of Object.entries(counts)) {
    if (best === undefined || entry[1] > best[1]) best = entry;
  }
  return best;
}

/** The run's summary: rows scored, tiers, and the first bad rows with their rules. */
export function summarise(result: ScoreFileResult, outputPath: string): string {
  const { issues } = result;
  const lines = [
    `scored ${result.scoredRows} of ${result.inputRows} rows with ${result.modelVersion} → ${outputPath}`,
    `tiers: ${Object.entries(result.tiers).map(([name, n]) => `${name} ${n}`).join(", ")}`,
  ];
  if (issues.ignoredColumns.length > 0) {
    lines.push(`ignored columns (not in the contract): ${issues.ignoredColumns.join(", ")}`);
  }
  const unseen = Object.entries(result.unseenLevels ?? {});
  if (unseen.length > 0) {
    lines.push(
      `unseen category levels (scored as missing): ${
        unseen.map(([field, n]) => `${field} ${n}`).join(", ")
      }`,
    );
  }
  if (issues.badRows > 0) {
    lines.push(`${issues.badRows} bad rows left out:`);
    const shown = issues.listed.slice(0, PRINTED_ISSUES);
    lines.push(renderTable(
      ["row", "field", "rule", "problem"],
      shown.map((i) => [String(i.row), i.field, i.rule, i.message]),
      [0],
    ));
    const total = Object.values(issues.counts).reduce((a, b) => a + b, 0);
    if (total > shown.length) lines.push(`… ${total - shown.length} more issues`);
  }
  return lines.join("\n");
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined) throw new UsageError(`${flag} is required\n${SCORE_USAGE}`);
  return value;
}

if (import.meta.main) await runEntry(main);
