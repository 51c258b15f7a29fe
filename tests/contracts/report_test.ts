import assert from "node:assert/strict";
import {
  assertValid,
  type CheckResult,
  ContractViolationError,
  createFindings,
} from "../../lib/contracts/mod.ts";

function finding(severity: "error" | "warning", failures: number, rows: number[]): CheckResult {
  return {
    table: "t",
    column: "x",
    check: "foreign_key",
    severity,
    message: "Must exist in p.x",
    failures,
    sample: rows.map((row) => ({
      table: "t",
      column: "x",
      check: "foreign_key",
      rowKey: { row },
      value: row,
    })),
  };
}

Deno.test("repeated warnings are merged into one counted finding", () => {
  const findings = createFindings(3);
  findings.add(finding("warning", 2, [1, 2]));
  findings.add(finding("warning", 5, [7, 8]));
  const report = findings.report("raw");
  assert.equal(report.ok, true);
  assert.deepEqual(report.warnings.map((w) => [w.failures, w.sample.map((c) => c.value)]), [
    [7, [1, 2, 7]],
  ]);
  assert.deepEqual(report.counts, {
    checks: 1,
    errorChecks: 0,
    errorCases: 0,
    warningChecks: 1,
    warningCases: 7,
  });
});

Deno.test("an error makes assertValid throw with every structured case", () => {
  const findings = createFindings();
  findings.add(finding("error", 2, [1, 2]));
  findings.add(finding("warning", 1, [3]));
  const report = findings.report("raw");
  assert.throws(() => assertValid(report), (error: unknown) => {
    assert.ok(error instanceof ContractViolationError);
    assert.equal(
      error.message,
      [
        'Contract "raw" failed: 2 checks, 1 failed, 2 failure cases; 1 warned, 1 warning case',
        "  error t.x [foreign_key] Must exist in p.x: 2 cases",
        "      row=1  value 1",
        "      row=2  value 2",
      ].join("\n"),
    );
    assert.deepEqual(error.cases.map((c) => c.rowKey), [{ row: 1 }, { row: 2 }]);
    return true;
  });
});
