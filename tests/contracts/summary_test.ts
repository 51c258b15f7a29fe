import assert from "node:assert/strict";
import { createFindings, formatSummary } from "../../lib/contracts/mod.ts";

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
      "  7 failure cases in 1 checks; 1 warning cases in 1 checks",
      '  error loans.grade [in_set] Must be one of "A", "B": 7 cases',
      '      id=4  value "C"',
      "      … 6 more",
      "  warning loans [min_rows] Must have at least 20 rows: 1 cases",
      "      value 10",
    ].join("\n"),
  );
});
