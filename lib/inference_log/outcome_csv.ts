/**
 * Reads a CSV of outcomes (`request_id` and/or `id`, `outcome`, `observed_at`; header on
 * line 1) through DuckDB's reader, every cell as text, in file order: the rows
 * {@link OutcomeStore.record} takes, with empty cells left out and numeric `outcome` text
 * as a number, so that the rules report `2` as 2 and `yes` as text.
 */
import { openDuckDb, queryRows, quoteLiteral } from "../duckdb/mod.ts";
import { OUTCOME_FIELDS } from "./outcome_rows.ts";

/** The file's rows as reported outcomes; throws naming the file when it cannot be read. */
export async function readOutcomesCsv(path: string): Promise<Record<string, unknown>[]> {
  const conn = await openDuckDb({ threads: 1 });
  let records: Record<string, unknown>[];
  try {
    records = await queryRows(
      conn,
      `select * from read_csv(${quoteLiteral(path)}, all_varchar = true, header = true)`,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SyntaxError(`Cannot read outcomes from "${path}": ${message.split("\n")[0]}`);
  } finally {
    conn.closeSync();
  }
  const columns = records.length === 0 ? [] : Object.keys(records[0]);
  const unknown = columns.filter((c) => !(OUTCOME_FIELDS as readonly string[]).includes(c));
  if (unknown.length > 0) {
    throw new SyntaxError(
      `Cannot read outcomes from "${path}": column "${unknown[0]}" is not an outcome field (${
        OUTCOME_FIELDS.join(", ")
      })`,
    );
  }
  return records.map((record) => {
    const row: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(record)) {
      if (value === null || value === "") continue;
      const text = String(value).trim();
      row[field] = field === "outcome" && NUMBER.test(text) ? Number(text) : text;
    }
    return row;
  });
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
