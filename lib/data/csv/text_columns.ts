/**
 * Free-text (`text`) columns of a csv contract: a text column must hold text somewhere,
 * since its TF-IDF vocabulary is fitted on it; one that is missing on every row is
 * refused before any parquet is written.
 */
import { type DuckDBConnection, queryRows } from "../../duckdb/mod.ts";
import { missingSql } from "./cells.ts";
import type { CsvContractFile } from "../../contracts/csv_contract_file.ts";

/** The text columns of a contract, in its order. */
export function textColumnsOf(file: CsvContractFile): string[] {
  return file.contract.columns.filter((c) => c.type === "text").map((c) => c.name);
}

/**
 * Throws a TypeError naming the file, the column and the rule when a text column of
 * `file` is missing on every row of the text table `view`.
 */
export async function checkTextColumns(
  conn: DuckDBConnection,
  view: string,
  file: CsvContractFile,
  path: string,
): Promise<void> {
  const columns = textColumnsOf(file);
  if (columns.length === 0) return;
  const terms = columns.map((c, j) =>
    `count(*) FILTER (WHERE NOT ${missingSql(c, file.csv)}) AS t${j}`
  );
  const [row] = await queryRows(conn, `SELECT count(*) AS n, ${terms.join(", ")} FROM ${view}`);
  const empty = columns.filter((_, j) => Number(row[`t${j}`]) === 0);
  if (empty.length === 0) return;
  const markers = file.csv.missingMarkers.map((m) => JSON.stringify(m)).join(", ");
  throw new TypeError(
    `Cannot ingest "${path}": text column${empty.length > 1 ? "s" : ""} ` +
      `${empty.map((c) => `"${c}"`).join(", ")} ${empty.length > 1 ? "are" : "is"} empty on ` +
      `all ${row.n} rows (every cell is missing: ${markers}); a text column needs text in some ` +
      `rows to fit its TF-IDF vocabulary on (give it text, or drop it from the file)`,
  );
}
