/**
 * The held-back rows of a CSV: the header and the test split's data lines copied byte for
 * byte (target column included, as the file holds it), and the same rows as records of
 * strings, each cell's text as it appears in the file (what a client reading the CSV sends).
 */
import { openDuckDb, queryRows, quoteLiteral } from "../../lib/duckdb/mod.ts";

/** The held-back rows, in ROW_ID order. */
export interface HeldBack {
  /** Every cell as its text in the file (quotes removed, `NA` kept as `NA`). */
  records: Record<string, string>[];
  /** 1 where the target cell is the positive label, else 0. */
  labels: number[];
}

/**
 * Writes the header and data lines `rowIds` (1-based) of `csvPath` to `outPath`. The file
 * must have one line per record (R's write.csv never breaks a cell across lines).
 */
export async function writeHeldBackCsv(
  csvPath: string,
  rowIds: number[],
  outPath: string,
): Promise<void> {
  const lines = (await Deno.readTextFile(csvPath)).replace(/\n$/, "").split("\n");
  const records = await countRecords(csvPath);
  if (lines.length - 1 !== records) {
    throw new Error(
      `Cannot copy rows of ${csvPath} line by line: ${records} records on ${
        lines.length - 1
      } data lines`,
    );
  }
  const picked = rowIds.map((id) => lines[id]);
  await Deno.writeTextFile(outPath, [lines[0], ...picked].join("\n") + "\n");
}

/** Reads a CSV written by {@link writeHeldBackCsv} as string records and 0/1 labels. */
export async function readHeldBack(
  path: string,
  targetColumn: string,
  positiveLabel: string,
): Promise<HeldBack> {
  const conn = await openDuckDb({ threads: 1 });
  try {
    const rows = await queryRows(conn, `select * from ${allText(path)}`);
    const records = rows.map((row) => row as Record<string, string>);
    const labels = records.map((record) => record[targetColumn] === positiveLabel ? 1 : 0);
    return { records, labels };
  } finally {
    conn.closeSync();
  }
}

// Every cell as VARCHAR and no null marker at all (U+0001 never occurs), so `NA` and empty
// cells come through as the text the file holds.
function allText(path: string): string {
  const options = `header = true, all_varchar = true, delim = ',', quote = '"'`;
  return `read_csv(${quoteLiteral(path)}, ${options}, nullstr = ${quoteLiteral("\u0001")})`;
}

async function countRecords(path: string): Promise<number> {
  const conn = await openDuckDb({ threads: 1 });
  try {
    const [row] = await queryRows(conn, `select count(*) as n from ${allText(path)}`);
    return Number(row.n);
  } finally {
    conn.closeSync();
  }
}
