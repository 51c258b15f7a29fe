/**
 * Cross-table checks: every non-null foreign-key value must exist in the referenced
 * table, as one anti-join per relation. Relations with known orphans in real data are
 * declared with severity "warning" and only counted.
 */
import { type DuckDBConnection, queryRows, quoteIdent } from "../duckdb/mod.ts";
import {
  caseValue,
  type CheckedTable,
  type CheckOptions,
  ROW_NUMBER,
  rowKeyColumns,
  rowKeyOf,
} from "./checked_table.ts";
import type { ForeignKey } from "./types.ts";

/** Checks the foreign keys of every table whose referenced table was checked too. */
export async function checkForeignKeys(
  conn: DuckDBConnection,
  tables: CheckedTable[],
  options: CheckOptions,
): Promise<void> {
  const byName = new Map(tables.map((table) => [table.contract.table, table]));
  for (const child of tables) {
    for (const fk of child.contract.foreignKeys ?? []) {
      options.findings.countChecks(1);
      const parent = byName.get(fk.table);
      if (parent === undefined) {
        options.findings.add(skipped(child, fk, `Table "${fk.table}" was not validated`));
      } else if (!fk.columns.every((c) => child.usable.has(c))) {
        options.findings.add(skipped(child, fk, "A foreign-key column failed its column checks"));
      } else if (!fk.references.every((c) => parent.usable.has(c))) {
        options.findings.add(skipped(child, fk, "A referenced column failed its column checks"));
      } else {
        await checkForeignKey(conn, child, parent, fk, options);
      }
    }
  }
}

async function checkForeignKey(
  conn: DuckDBConnection,
  child: CheckedTable,
  parent: CheckedTable,
  fk: ForeignKey,
  { findings, sampleSize }: CheckOptions,
): Promise<void> {
  const joins = fk.columns.map((column, i) =>
    `p.${quoteIdent(fk.references[i])} = c.${quoteIdent(column)}`
  );
  const notNull = fk.columns.map((column) => `c.${quoteIdent(column)} IS NOT NULL`);
  const orphans = `FROM ${child.view} AS c WHERE ${notNull.join(" AND ")}
    AND NOT EXISTS (SELECT 1 FROM ${parent.view} AS p WHERE ${joins.join(" AND ")})`;
  const [{ n }] = await queryRows(conn, `SELECT count(*) AS n ${orphans}`);
  if (Number(n) === 0) return;
  const fkColumns = fk.columns.map((column, i) => `c.${quoteIdent(column)} AS fk${i}`);
  const rows = await queryRows(
    conn,
    `SELECT ${rowKeyColumns(child, "c")}, ${fkColumns.join(", ")} ${orphans}
     ORDER BY c.${ROW_NUMBER} LIMIT ${sampleSize}`,
  );
  const column = fk.columns.length === 1 ? fk.columns[0] : null;
  const target = `${fk.table}.${fk.references.join(", ")}`;
  findings.add({
    table: child.contract.table,
    column,
    check: "foreign_key",
    severity: fk.severity,
    message: `Must exist in ${target}`,
    failures: Number(n),
    sample: rows.map((row) => ({
      table: child.contract.table,
      column,
      check: "foreign_key",
      rowKey: rowKeyOf(child, row),
      value: fk.columns.length === 1
        ? caseValue(row.fk0)
        : fk.columns.map((_, i) => String(caseValue(row[`fk${i}`]))).join("|"),
    })),
  });
}

function skipped(child: CheckedTable, fk: ForeignKey, why: string) {
  return {
    table: child.contract.table,
    column: fk.columns.length === 1 ? fk.columns[0] : null,
    check: "foreign_key_skipped",
    severity: "warning" as const,
    message: `Cannot check the reference to ${fk.table}: ${why}`,
    failures: 1,
    sample: [],
  };
}
