/**
 * CSV to a scored file as a user runs it: `deno task score --input <held-back rows> --output
 * scores.parquet --report issues.json` in the repo copy, then the rows it rejected and, when
 * it scored every row, the AUC of its scores against the held-back labels.
 */
import { join } from "node:path";
import { openDuckDb, queryRows, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { rocAuc } from "../../lib/model/metrics/mod.ts";
import { countIssues, type RowIssue, summariseIssueCounts } from "./issue_summary.ts";
import { runTask } from "./pipeline_run.ts";

/** What scoring the held-back file gave. */
export interface ScoreFlowResult {
  exitCode: number;
  rows: number;
  scored: number;
  rejected: number;
  /** Why rows were rejected, one line per rule (or the last line score printed). */
  commonIssues: string[];
  /** AUC of the scored file, only when every row was scored. */
  auc: number | undefined;
}

/** Scores `inputPath` with the copy's Production version. */
export async function runScoreFlow(
  repo: string,
  inputPath: string,
  labels: number[],
  workDir: string,
): Promise<ScoreFlowResult> {
  const output = join(workDir, "scores.parquet");
  const report = join(workDir, "score_issues.json");
  const run = await runTask(
    repo,
    ["score", "--input", inputPath, "--output", output, "--report", report],
    join(workDir, "score.log"),
  );
  const scores = await readScores(output);
  const issues = await readIssues(report);
  const scored = scores.size;
  let auc: number | undefined;
  if (scored === labels.length) {
    auc = rocAuc(labels.map((_, i) => scores.get(i + 1) ?? NaN), labels);
  }
  return {
    exitCode: run.code,
    rows: labels.length,
    scored,
    rejected: labels.length - scored,
    commonIssues: issues.length > 0 || run.code === 0 ? issues : run.tail.slice(-1),
    auc,
  };
}

// Scores by 1-based input row; empty when score wrote no file.
async function readScores(path: string): Promise<Map<number, number>> {
  if (!(await Deno.stat(path).catch(() => undefined))) return new Map();
  const conn = await openDuckDb({ threads: 1 });
  try {
    const rows = await queryRows(
      conn,
      `select row, score from read_parquet(${quoteLiteral(path)})`,
    );
    return new Map(rows.map((r) => [Number(r.row), Number(r.score)]));
  } finally {
    conn.closeSync();
  }
}

// The issues of score's --report file, grouped by rule: from its `counts` (every row), else
// from `listed` (capped at 1,000 issues).
async function readIssues(path: string): Promise<string[]> {
  const text = await Deno.readTextFile(path).catch(() => undefined);
  if (text === undefined) return [];
  const report = JSON.parse(text) as { counts?: Record<string, number>; listed?: RowIssue[] };
  return summariseIssueCounts(report.counts ?? countIssues(report.listed ?? []));
}
