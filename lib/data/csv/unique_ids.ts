/**
 * The id column names each row once: an id on several rows is refused at ingest, with the
 * physical line where it first repeats, before any parquet is written.
 */
import { ContractViolationError, createFindings } from "../../contracts/mod.ts";
import { type DuckDBConnection, queryRows } from "../../duckdb/mod.ts";
import type { CellConversion } from "./cells.ts";
import type { CsvContractFile } from "../../contracts/csv_contract_file.ts";
import type { IngestCsvOptions } from "./ingest.ts";
import { recordLines } from "./lines.ts";
import { RECORD, TEXT_TABLE, textColumns } from "./text_table.ts";

/** Throws a ContractViolationError listing ids held by more than one row. */
export async function checkUniqueIds(
  conn: DuckDBConnection,
  file: CsvContractFile,
  conversions: Map<string, CellConversion>,
  options: IngestCsvOptions,
): Promise<void> {
  const id = file.csv.idColumn;
  const conversion = id === null ? undefined : conversions.get(id);
  if (id === null || conversion === undefined) return;
  const ids = `SELECT (${conversion.value}) AS id, ${RECORD} AS record FROM ${TEXT_TABLE}`;
  const [{ n }] = await queryRows(
    conn,
    `SELECT count(*) AS n FROM (SELECT id FROM (${ids}) WHERE id IS NOT NULL
       GROUP BY id HAVING count(*) > 1)`,
  );
  if (Number(n) === 0) return;
  const sampleSize = options.sampleSize ?? 20;
  const repeats = await queryRows(
    conn,
    `SELECT id, record, rows FROM (
       SELECT id, record, row_number() OVER (PARTITION BY id ORDER BY record) AS k,
         count(*) OVER (PARTITION BY id) AS rows
       FROM (${ids}) WHERE id IS NOT NULL)
     WHERE k = 2 ORDER BY record LIMIT ${sampleSize}`,
  );
  const columns = await textColumns(conn);
  const lines = await recordLines(conn, TEXT_TABLE, columns, repeats.map((r) => Number(r.record)));
  const table = file.contract.table;
  const findings = createFindings(sampleSize);
  findings.add({
    table,
    column: id,
    check: "unique",
    severity: "error",
    message: "Must be unique; the value is the number of rows sharing it",
    failures: Number(n),
    sample: repeats.map((r) => ({
      table,
      column: id,
      check: "unique",
      rowKey: { [id]: r.id as string | number },
      value: Number(r.rows),
      file: options.path,
      line: lines.get(Number(r.record)),
    })),
  });
  throw new ContractViolationError(findings.report("ingest"));
}
