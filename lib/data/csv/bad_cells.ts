/**
 * Cells that do not convert to their column's type, counted per column in one scan and
 * reported with file, physical line, row key and the cell's text.
 */
import { type DuckDBConnection, queryRows, quoteIdent } from "../../duckdb/mod.ts";
import { ContractViolationError, createFindings, type FailureCase } from "../../contracts/mod.ts";
import type { CellConversion } from "./cells.ts";
import type { CsvContractFile } from "../../contracts/csv_contract_file.ts";
import type { IngestCsvOptions } from "./ingest.ts";
import { ROW_ID } from "../../contracts/csv_contract_file.ts";
import { recordLines } from "./lines.ts";
import { RECORD, TEXT_TABLE, textColumns } from "./text_table.ts";

/** Throws a ContractViolationError listing every cell that fails its conversion. */
export async function checkCells(
  conn: DuckDBConnection,
  file: CsvContractFile,
  conversions: Map<string, CellConversion>,
  options: IngestCsvOptions,
): Promise<void> {
  const sampleSize = options.sampleSize ?? 20;
  const checked = [...conversions].filter(([, conversion]) => conversion.bad !== "false");
  if (checked.length === 0) return;
  const counts = checked.map(([, c], j) => `count(*) FILTER (WHERE ${c.bad}) AS b${j}`);
  const [row] = await queryRows(conn, `SELECT ${counts.join(", ")} FROM ${TEXT_TABLE}`);
  const findings = createFindings(sampleSize);
  findings.countChecks(checked.length);
  const columns = await textColumns(conn);
  for (const [j, [column, conversion]] of checked.entries()) {
    const failures = Number(row[`b${j}`]);
    if (failures === 0) continue;
    const cases = await badCells(conn, file, column, conversion, sampleSize);
    const lines = await recordLines(conn, TEXT_TABLE, columns, cases.map((c) => c.record));
    findings.add({
      table: file.contract.table,
      column,
      check: "parse",
      severity: "error",
      message: `Must be ${conversion.expected}`,
      failures,
      sample: cases.map(({ record, ...c }) => ({
        ...c,
        file: options.path,
        line: lines.get(record),
      })),
    });
  }
  const report = findings.report("ingest");
  if (!report.ok) throw new ContractViolationError(report);
}

async function badCells(
  conn: DuckDBConnection,
  file: CsvContractFile,
  column: string,
  conversion: CellConversion,
  sampleSize: number,
): Promise<(FailureCase & { record: number })[]> {
  const id = file.csv.idColumn;
  const idSql = id === null ? "NULL" : quoteIdent(id);
  const rows = await queryRows(
    conn,
    `SELECT ${RECORD} AS record, ${idSql} AS id, ${quoteIdent(column)} AS value FROM ${TEXT_TABLE}
     WHERE ${conversion.bad} ORDER BY ${RECORD} LIMIT ${sampleSize}`,
  );
  return rows.map((r) => ({
    record: Number(r.record),
    table: file.contract.table,
    column,
    check: "parse",
    rowKey: id === null ? { [ROW_ID]: Number(r.record) } : { [id]: typedId(file, r.id) },
    value: r.value === null ? null : String(r.value),
  }));
}

function typedId(file: CsvContractFile, id: unknown): string | number | null {
  if (id === null || id === undefined) return null;
  const column = file.contract.columns.find((c) => c.name === file.csv.idColumn);
  const text = String(id).trim();
  return column?.type === "int" && /^[+-]?\d+$/.test(text) ? Number(text) : text;
}
