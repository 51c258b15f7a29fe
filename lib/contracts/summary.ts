/** The readable side of a validation report: the lines a person reads on stderr. */
import type { CaseValue, CheckResult, FailureCase, ValidationReport } from "./report.ts";

/** How many sample cases per check the summary prints. */
const SHOWN_CASES = 5;

/**
 * Formats a report as plain text, one block per failing check.
 * @example
 * ```ts
 * import { formatSummary } from "./summary.ts";
 * import { createFindings } from "./report.ts";
 * const text = formatSummary(createFindings().report("raw"));
 * if (!text.includes("raw")) throw new Error(text);
 * ```
 */
export function formatSummary(report: ValidationReport): string {
  const rows = report.tables.map((t) => `${t.table} ${t.rows} rows`).join(", ");
  const lines = [
    `Validation "${report.name}": ${report.ok ? "passed" : "FAILED"} (${rows || "no tables"})`,
    `  ${formatCheckCounts(report.counts)}`,
  ];
  for (const result of report.errors) lines.push(...formatCheck(result));
  for (const result of report.warnings) lines.push(...formatCheck(result));
  return lines.join("\n");
}

/**
 * The counts of a run in words: "12 checks, none failed", or "12 checks, 2 failed, 7 failure
 * cases", with "; 1 warned, 3 warning cases" after either when checks warned.
 * @example
 * ```ts
 * import { formatCheckCounts } from "./summary.ts";
 * import { createFindings } from "./report.ts";
 * const text = formatCheckCounts(createFindings().report("raw").counts);
 * if (!text.includes("checks")) throw new Error(text); // e.g. "12 checks, none failed"
 * ```
 */
export function formatCheckCounts(counts: ValidationReport["counts"]): string {
  const failed = counts.errorChecks === 0
    ? "none failed"
    : `${counts.errorChecks} failed, ${plural(counts.errorCases, "failure case")}`;
  const warned = counts.warningChecks === 0
    ? ""
    : `; ${counts.warningChecks} warned, ${plural(counts.warningCases, "warning case")}`;
  return `${plural(counts.checks, "check")}, ${failed}${warned}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function formatCheck(result: CheckResult): string[] {
  const where = result.column === null ? result.table : `${result.table}.${result.column}`;
  const head = `  ${result.severity === "error" ? "error" : "warning"} ${where} ` +
    `[${result.check}] ${result.message}: ${result.failures} cases`;
  const shown = result.sample.slice(0, SHOWN_CASES).map((c) => `      ${formatCase(c)}`);
  const more = result.sample.length > SHOWN_CASES || result.failures > result.sample.length
    ? [`      … ${result.failures - shown.length} more`]
    : [];
  return [head, ...shown, ...more];
}

function formatCase(c: FailureCase): string {
  const parts: string[] = [];
  if (c.file !== undefined) parts.push(`${c.file}:${c.line ?? "?"}`);
  if (c.rowKey !== null) {
    parts.push(Object.entries(c.rowKey).map(([k, v]) => `${k}=${show(v)}`).join(" "));
  }
  parts.push(`value ${show(c.value)}`);
  return parts.join("  ");
}

function show(value: CaseValue): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
