/** Rejection reasons of the score and /predict flows, grouped by rule. */

/** One field of one rejected row and the rule it broke. */
export interface RowIssue {
  row: number;
  field: string;
  rule: string;
}

const FIELDS_NAMED = 4;

/**
 * One line per rule, most rows first: `type (294 rows): Age, DailyRate, +15 more fields`.
 * @example
 * summariseIssues([{ row: 1, field: "ROW_ID", rule: "required" }]);
 * // ["required (1 rows): ROW_ID"]
 */
export function summariseIssues(issues: RowIssue[]): string[] {
  const byRule = new Map<string, { rows: Set<number>; fields: Map<string, number> }>();
  for (const issue of issues) {
    const entry = byRule.get(issue.rule) ?? { rows: new Set(), fields: new Map() };
    entry.rows.add(issue.row);
    entry.fields.set(issue.field, (entry.fields.get(issue.field) ?? 0) + 1);
    byRule.set(issue.rule, entry);
  }
  return [...byRule].sort((a, b) => b[1].rows.size - a[1].rows.size || a[0].localeCompare(b[0]))
    .map(([rule, { rows, fields }]) => {
      const names = [...fields].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([field]) => field);
      const more = names.length > FIELDS_NAMED
        ? `, +${names.length - FIELDS_NAMED} more fields`
        : "";
      return `${rule} (${rows.size} rows): ${names.slice(0, FIELDS_NAMED).join(", ")}${more}`;
    });
}
