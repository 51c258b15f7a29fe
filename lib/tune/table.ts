/**
 * The trial table: one row per trial, best first (highest rung reached, then CV AUC),
 * with its params, the rung it reached, its CV AUC at each rung and its time.
 */
import type { SearchResult, TrialRow } from "./search.ts";

/** Columns and rows of the trial table (numbers left as numbers, to format as each likes). */
export interface TrialTable {
  columns: string[];
  rows: (string | number | null)[][];
}

/** Trials best first: the highest rung reached, then the CV AUC there, then the trial number. */
export function rankTrials(result: SearchResult): TrialRow[] {
  const score = (row: TrialRow) => Number.isFinite(row.auc) ? row.auc : -Infinity;
  return [...result.trials].sort((a, b) =>
    b.rungs.length - a.rungs.length || score(b) - score(a) || a.trial - b.trial
  );
}

/**
 * The trial table of a search.
 * @example
 * ```ts ignore
 * const { columns, rows } = trialTable(result); // columns: trial, max_depth, …, rung, auc@25, …
 * ```
 */
export function trialTable(result: SearchResult): TrialTable {
  const names = Object.keys(result.trials[0]?.params ?? {}).sort();
  const columns = [
    "trial",
    ...names,
    "rung",
    ...result.rungs.map((rounds) => `auc@${rounds}`),
    "best round",
    "seconds",
  ];
  const rows = rankTrials(result).map((row) => {
    const top = row.rungs.at(-1);
    return [
      row.trial,
      ...names.map((name) => row.params[name as keyof typeof row.params] ?? null),
      row.rungs.length,
      ...result.rungs.map((_, k) => {
        const auc = row.rungs[k]?.auc;
        return auc === undefined || !Number.isFinite(auc) ? null : Number(auc.toFixed(4));
      }),
      top?.bestRound ?? null,
      Number(row.seconds.toFixed(1)),
    ];
  });
  return { columns, rows };
}
