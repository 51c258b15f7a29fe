/** The table printed at the end of a repro: what ran, what was restored, what was up to date. */

/** What happened to a stage during one repro. */
export type StageResultKind =
  | "ran"
  | "restored"
  | "up to date"
  | "would run"
  | "would restore"
  | "may run"
  | "would fail"
  | "skipped"
  | "failed"
  | "not run";

/** One stage's row of the summary. */
export interface StageOutcome {
  stage: string;
  result: StageResultKind;
  /** Why the stage was stale (empty when up to date), or why it was skipped or not run. */
  reasons: string[];
  /** Wall time spent on the stage in milliseconds (fingerprint, run or restore, commit). */
  millis: number;
  /** The failure message when result is "failed". */
  error?: string;
}

/**
 * Renders outcomes as an aligned text table with a totals line.
 * @example
 * ```ts
 * import { renderSummary } from "./summary.ts";
 * const text = renderSummary([{ stage: "train", result: "ran", reasons: [], millis: 3100 }]);
 * if (!text.includes("train")) throw new Error(text);
 * ```
 */
export function renderSummary(outcomes: StageOutcome[]): string {
  const header = ["stage", "result", "time"];
  const rows = outcomes.map((o) => [o.stage, o.result, formatMillis(o.millis)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))
      .join("  ").trimEnd();
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o.result, (counts.get(o.result) ?? 0) + 1);
  const totals = [...counts].map(([result, n]) => `${n} ${result}`).join(", ");
  return [
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    totals.length > 0 ? totals : "no stages",
  ].join("\n");
}

/** Formats a duration for the summary: "12 ms", "3.4 s", "2 m 05 s". */
export function formatMillis(millis: number): string {
  if (millis < 1000) return `${Math.round(millis)} ms`;
  if (millis < 60_000) return `${(millis / 1000).toFixed(1)} s`;
  const seconds = Math.round(millis / 1000);
  return `${Math.floor(seconds / 60)} m ${String(seconds % 60).padStart(2, "0")} s`;
}
