/** Rejection reasons of the score and /predict flows, grouped by rule. */

/** One field of one rejected row and the rule it broke. */
export interface RowIssue {
  row: number;
  field: string;
  rule: string;
}

const FIELDS_NAMED = 4;

/** Rows per "field: rule" (the shape of `counts` in score's --report file). */
export function countIssues(issues: RowIssue[]): Record<string, number> {
  const rows = new Map<string, Set<number>>();
  for (const issue of issues) {
    const key = `${issue.field}: ${issue.rule}`;
    rows.set(key, (rows.get(key) ?? new Set()).add(issue.row));
  }
  return Object.fromEntries([...rows].map(([key, set]) => [key, set.size]));
}

/**
 * One line per rule, the rule hitting the most rows first, its fields by rows:
 * `type: Records 891 rows, Income 74, Assets 6, +1 more fields`.
 * @example
 * ```ts
 * import { summariseIssueCounts } from "./issue_summary.ts";
 * summariseIssueCounts({ "ROW_ID: required": 3 }); // ["required: ROW_ID 3 rows"]
 * ```
 */
export function summariseIssueCounts(counts: Record<string, number>): string[] {
  const byRule = new Map<string, [string, number][]>();
  for (const [key, rows] of Object.entries(counts)) {
    const at = key.lastIndexOf(": ");
    const [field, rule] = at < 0 ? [key, "?"] : [key.slice(0, at), key.slice(at + 2)];
    byRule.set(rule, [...(byRule.get(rule) ?? []), [field, rows]]);
  }
  const sorted = [...byRule].map(([rule, fields]) =>
    [rule, fields.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))] as const
  );
  sorted.sort((a, b) => b[1][0][1] - a[1][0][1] || a[0].localeCompare(b[0]));
  return sorted.map(([rule, fields]) => {
    const named = fields.slice(0, FIELDS_NAMED).map(([field, rows], i) =>
      i === 0 ? `${field} ${rows} rows` : `${field} ${rows}`
    );
    const more = fields.length > FIELDS_NAMED
      ? `, +${fields.length - FIELDS_NAMED} more fields`
      : "";
    return `${rule}: ${named.join(", ")}${more}`;
  });
}
