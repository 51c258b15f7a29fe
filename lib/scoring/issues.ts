/** Bad input rows found while scoring: listed up to a limit, counted in full. */
import type { RowIssue } from "../contracts/mod.ts";

/** One problem with one field of one input row. */
export interface BadRowIssue extends RowIssue {
  /** 1-based row number in the input file. */
  row: number;
}

/** What was wrong with the input, for the report. */
export interface InputIssues {
  /** Rows that failed validation and were left out of the output. */
  badRows: number;
  /** The first issues found (up to the limit), in row order. */
  listed: BadRowIssue[];
  /** Issues per "field: rule", over every bad row. */
  counts: Record<string, number>;
  /** Input columns the model's contract does not name (ignored). */
  ignoredColumns: string[];
}

/** Collects row issues, keeping at most `limit` of them listed. */
export function createIssueCollector(limit: number, ignoredColumns: string[]): {
  add(row: number, issues: RowIssue[]): void;
  result(): InputIssues;
} {
  const listed: BadRowIssue[] = [];
  const counts: Record<string, number> = {};
  let badRows = 0;
  return {
    add(row, issues) {
      badRows += 1;
      for (const issue of issues) {
        const key = `${issue.field}: ${issue.rule}`;
        counts[key] = (counts[key] ?? 0) + 1;
        if (listed.length < limit) listed.push({ row, ...issue });
      }
    },
    result: () => ({ badRows, listed, counts, ignoredColumns }),
  };
}
