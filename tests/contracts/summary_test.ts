import assert from "node:assert/strict";
import { createFindings, formatCheckCounts, formatSummary } from "../../lib/contracts/mod.ts";

Deno.test("the summary names each failing check, its count and sample cases", () => {
  const findings = createFindings();
  findings.noteRows("loans", 10);
  findings.add({
    table: "loans",
    column: "grade",
    check: "in_set",
    severity: "error",
    message: 'Must be one of "A", "B"',
    failures: 7,
    sample: [{ table: "loans", column: "grade", check: "in_set", rowKey: { id: 4 }, value: "C" }],
  });
  findings.add({
    table: "loans",
    column: null,
    check: "min_rows",
    severity: "warning",
    message: "Must have at least 20 rows",
    failures: 1,
    sample: [{ table: "loans", column: null, check: "min_rows", rowKey: null, value: 10 }],
  });
  assert.equal(
    formatSummary(findings.report("raw")),
    [
      'Validation "raw": FAILED (loans 10 rows)',
      "  2 checks, 1 failed, 7 failure cases; 1 warned, 1 warning case",
      '  error loans.grade [in_set] Must be one of "A", "B": 7 cases',
      '      id=4  value "C"',
      "      … 6 more",
      "  warning loans [min_rows] Must have at least 20 rows: 1 cases",
      "      value 10",
    ].join("\n"),
  );
});

Deno.test("the check counts say how many ran and that none failed, or how many failed", () => {
  const counts = { checks: 12, errorChecks: 0, errorCases: 0, warningChecks: 0, warningCases: 0 };
  assert.equal(formatCheckCounts(counts), "12 checks, none failed");
  assert.equal(
    formatCheckCounts({ ...counts, errorChecks: 2, errorCases: 7 }),
    "12 checks, 2 failed, 7 failure cases",
  );
  assert.equal(
    formatCheckCounts({ ...counts, checks: 1, errorChecks: 1, errorCases: 1 }),
    "1 check, 1 failed, 1 failure case",
  );
  assert.equal(
    formatCheckCounts({ ...counts, warningChecks: 1, warningCases: 3 }),
    "12 checks, none failed; 1 warned, 3 warning cases",
  );
});

Deno.test("a passing run counts the checks it ran", () => {
  const findings = createFindings();
  findings.noteRows("loans", 3);
  findings.countChecks(5);
  findings.countChecks(2);
  assert.equal(
    formatSummary(findings.report("raw")).split("\n")[1],
    "  7 checks, none failed",
  );
});
