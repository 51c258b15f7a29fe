/**
 * Lazy validation results, in the manner of Pandera's lazy mode: every failing check is
 * collected with its count and a capped sample of failure cases, errors apart from
 * warnings, and the run fails once at the end with all of them.
 */
import { formatCheckCounts, formatSummary } from "./summary.ts";

/** A value as it appears in a failure case (NaN and ±Infinity as strings). */
export type CaseValue = string | number | boolean | null;

/** One offending cell or row. */
export interface FailureCase {
  table: string;
  /** Null for table-level checks (row count, key uniqueness over several columns). */
  column: string | null;
  check: string;
  /** Key of the offending row (or `{ row: n }`, 1-based, when the table has no key). */
  rowKey: Record<string, CaseValue> | null;
  value: CaseValue;
  /** Source file and 1-based physical line, when the case comes from a text file. */
  file?: string;
  line?: number;
}

/** One failing check: how many cases it found and a sample of them. */
export interface CheckResult {
  table: string;
  column: string | null;
  check: string;
  severity: "error" | "warning";
  /** Sentence naming the rule, e.g. `Must be at least 0`. */
  message: string;
  /** Number of failing rows (or key values, or 1 for table-level checks). */
  failures: number;
  sample: FailureCase[];
}

/** The JSON written to reports/validation/<name>.json. */
export interface ValidationReport {
  name: string;
  ok: boolean;
  tables: { table: string; rows: number }[];
  errors: CheckResult[];
  warnings: CheckResult[];
  counts: {
    /** Checks run, passed or not. */
    checks: number;
    errorChecks: number;
    errorCases: number;
    warningChecks: number;
    warningCases: number;
  };
}

/** Thrown when a validation run found errors; carries every failing check. */
export class ContractViolationError extends Error {
  readonly report: ValidationReport;
  constructor(report: ValidationReport) {
    // The summary rides in the message so an uncaught error still lists the cases.
    const details = formatSummary({ ...report, warnings: [] }).split("\n").slice(2).join("\n");
    super(
      `Contract "${report.name}" failed: ${formatCheckCounts(report.counts)}` +
        (details === "" ? "" : `\n${details}`),
    );
    this.name = "ContractViolationError";
    this.report = report;
  }

  /** Every sampled failure case of every failing check. */
  get cases(): FailureCase[] {
    return this.report.errors.flatMap((result) => result.sample);
  }
}

/** Collects check results; identical (table, column, check) findings merge their counts. */
export interface Findings {
  add(result: CheckResult): void;
  /** Counts `n` checks as run (each failing one is also `add`ed). */
  countChecks(n: number): void;
  noteRows(table: string, rows: number): void;
  report(name: string): ValidationReport;
}

/**
 * Creates an empty collector of findings.
 * @example
 * ```ts
 * import { createFindings } from "./report.ts";
 * const findings = createFindings(20);
 * findings.add({
 *   table: "t",
 *   column: "x",
 *   check: "not_null",
 *   severity: "error",
 *   message: "Must not be null",
 *   failures: 1,
 *   sample: [],
 * });
 * const report = findings.report("raw");
 * if (report.counts.errorChecks !== 1) throw new Error(JSON.stringify(report.counts));
 * ```
 */
export function createFindings(sampleSize = 20): Findings {
  const results = new Map<string, CheckResult>();
  const tables = new Map<string, number>();
  let checks = 0;
  return {
    add(result) {
      const id = JSON.stringify([result.severity, result.table, result.column, result.check]);
      const seen = results.get(id);
      if (!seen) {
        results.set(id, { ...result, sample: result.sample.slice(0, sampleSize) });
        return;
      }
      seen.failures += result.failures;
      const room = sampleSize - seen.sample.length;
      if (room > 0) seen.sample.push(...result.sample.slice(0, room));
    },
    countChecks(n) {
      checks += n;
    },
    noteRows(table, rows) {
      tables.set(table, rows);
    },
    report(name) {
      const all = [...results.values()];
      const errors = all.filter((r) => r.severity === "error");
      const warnings = all.filter((r) => r.severity === "warning");
      const cases = (list: CheckResult[]) => list.reduce((sum, r) => sum + r.failures, 0);
      return {
        name,
        ok: errors.length === 0,
        tables: [...tables].map(([table, rows]) => ({ table, rows })),
        errors,
        warnings,
        counts: {
          // A merged finding of a check not counted still counts as run.
          checks: Math.max(checks, errors.length + warnings.length),
          errorChecks: errors.length,
          errorCases: cases(errors),
          warningChecks: warnings.length,
          warningCases: cases(warnings),
        },
      };
    },
  };
}

/** Throws a {@link ContractViolationError} when the report holds errors. */
export function assertValid(report: ValidationReport): void {
  if (!report.ok) throw new ContractViolationError(report);
}

/** Writes a report as pretty JSON, creating its folder (reports/validation/<name>.json). */
export async function writeReport(path: string, report: ValidationReport): Promise<void> {
  const folder = path.slice(0, Math.max(0, path.lastIndexOf("/")));
  if (folder !== "") await Deno.mkdir(folder, { recursive: true });
  const temp = `${path}.tmp`;
  await Deno.writeTextFile(temp, `${JSON.stringify(report, null, 2)}\n`);
  await Deno.rename(temp, path);
}
