/**
 * The reference of a retrain: the one-table CSV the pipeline's `data.csv.path` names, as
 * DuckDB's sniffer and reader see it (dialect, header, row count, the ids it holds), and
 * the line ending its bytes use. The file itself is copied byte for byte, never rewritten.
 */
import { openDuckDb, queryRows, quoteIdent, quoteLiteral } from "../../duckdb/mod.ts";
import { readCsvArguments, sniffDialect } from "../../data/csv/dialect.ts";

/** What the retrain needs to know of the reference CSV. */
export interface ReferenceCsv {
  path: string;
  delimiter: string;
  quote: string;
  /** "\r\n" when the header line ends so, else "\n". */
  lineEnding: string;
  /** True when the last byte is a line feed. */
  endsWithNewline: boolean;
  header: string[];
  rows: number;
  /** The id column's values as text (trimmed); empty without an id column. */
  ids: Set<string>;
}

/** Reads the reference CSV at `path` (an error names the file when it cannot be read). */
export async function readReferenceCsv(
  path: string,
  options: { idColumn: string | null; maxLineSize?: number },
): Promise<ReferenceCsv> {
  const { lineEnding, endsWithNewline } = await lineEndingOf(path);
  const conn = await openDuckDb({ threads: 1 });
  try {
    const read = { maxLineSize: options.maxLineSize };
    const dialect = await sniffDialect(conn, path, read);
    const table = `read_csv(${quoteLiteral(path)}, ${readCsvArguments(read)})`;
    const header = (await queryRows(conn, `describe select * from ${table}`)).map((r) =>
      String(r.column_name)
    );
    const [{ rows }] = await queryRows(conn, `select count(*) as rows from ${table}`);
    const ids = new Set<string>();
    if (options.idColumn !== null) {
      if (!header.includes(options.idColumn)) {
        throw new RangeError(
          `Cannot retrain from ${path}: it has no id column ${JSON.stringify(options.idColumn)}`,
        );
      }
      const column = quoteIdent(options.idColumn);
      const found = await queryRows(
        conn,
        `select distinct trim(${column}) as id from ${table} where ${column} is not null`,
      );
      for (const row of found) ids.add(String(row.id));
    }
    return {
      path,
      delimiter: dialect.delimiter,
      quote: dialect.quote,
      lineEnding,
      endsWithNewline,
      header,
      rows: Number(rows),
      ids,
    };
  } finally {
    conn.closeSync();
  }
}

async function lineEndingOf(
  path: string,
): Promise<{ lineEnding: string; endsWithNewline: boolean }> {
  using file = await Deno.open(path, { read: true });
  const head = new Uint8Array(64 * 1024);
  const n = (await file.read(head)) ?? 0;
  const lf = head.subarray(0, n).indexOf(10);
  const lineEnding = lf > 0 && head[lf - 1] === 13 ? "\r\n" : "\n";
  const size = (await file.stat()).size;
  if (size === 0) return { lineEnding, endsWithNewline: false };
  await file.seek(size - 1, Deno.SeekMode.Start);
  const last = new Uint8Array(1);
  await file.read(last);
  return { lineEnding, endsWithNewline: last[0] === 10 };
}
