/** Column readers: query results as typed numeric columns or as JS values a column. */
import {
  type DuckDBConnection,
  type DuckDBDataChunk,
  DuckDBTypeId,
  JSDuckDBValueConverter,
} from "@duckdb/node-api";
import { FIXED, isValid, rawColumn, rawColumnBytes } from "./vector.ts";

/**
 * Reads numeric columns of a query as Float64Arrays (NULL becomes NaN), the shape
 * the model code trains on.
 */
export async function queryNumericColumns(
  conn: DuckDBConnection,
  sql: string,
): Promise<{ names: string[]; columns: Float64Array[]; rows: number }> {
  // A materialised result knows its row count, so each column is allocated once and every
  // chunk's doubles are copied straight into place (no per-chunk arrays to concatenate).
  const result = await conn.run(sql);
  const names = result.columnNames();
  const doubles = names.map((_, j) => result.columnTypeId(j) === DuckDBTypeId.DOUBLE);
  const rows = result.rowCount;
  const columns = names.map(() => new Float64Array(rows));
  let at = 0;
  for (let k = 0; k < result.chunkCount; k++) {
    const chunk = result.getChunk(k);
    for (let j = 0; j < names.length; j++) {
      if (doubles[j]) copyDoubles(chunk, j, columns[j], at);
      else columns[j].set(readOtherAsNumbers(chunk, j, names[j], at), at);
    }
    at += chunk.rowCount;
  }
  return { names, columns, rows };
}

/**
 * Copies a DOUBLE column of a chunk from its vector's memory into `out` at `at`, NULL as
 * NaN. The value API reads each validity bit through BigInt arithmetic (~120 ns a value,
 * seconds for a training set); here a byte of the mask covers eight rows, and a byte of
 * all-valid rows is skipped whole.
 */
function copyDoubles(chunk: DuckDBDataChunk, column: number, out: Float64Array, at: number): void {
  const n = chunk.rowCount;
  const { bytes, valid } = rawColumnBytes(chunk, column, 8);
  // A view needs 8-byte alignment; DuckDB's vectors have it, a copy covers any that lacks it.
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  out.set(new Float64Array(aligned.buffer, aligned.byteOffset, n), at);
  if (valid === null) return;
  for (let b = 0; b < Math.ceil(n / 8); b++) {
    if (valid[b] === 0xff) continue;
    for (let i = b * 8; i < Math.min(n, b * 8 + 8); i++) if (!isValid(valid, i)) out[at + i] = NaN;
  }
}

/**
 * The columns of a chunk as JS values, NULL as null: booleans, numbers (64-bit integers
 * as the nearest number) and, for other types, what the JS value API gives. Fixed-width
 * columns are read straight from the vector's memory (the value API reads each validity
 * bit through BigInt arithmetic).
 */
export function chunkColumnsJS(chunk: DuckDBDataChunk): unknown[][] {
  const n = chunk.rowCount;
  return Array.from({ length: chunk.columnCount }, (_, j) => {
    const typeId = chunk.getColumnVector(j).type.typeId;
    const layout = FIXED[typeId];
    if (layout === undefined) return chunk.convertColumnValues(j, JSDuckDBValueConverter);
    const { data, valid } = rawColumn(chunk, j, layout.bytes);
    const values = layout.view(data);
    const isBoolean = typeId === DuckDBTypeId.BOOLEAN;
    const out: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) {
      if (valid !== null && !isValid(valid, i)) out[i] = null;
      else out[i] = isBoolean ? values[i] !== 0 : Number(values[i]);
    }
    return out;
  });
}

/** Any other column of a chunk as numbers (BIGINT, BOOLEAN…), through the JS value API. */
function readOtherAsNumbers(
  chunk: DuckDBDataChunk,
  column: number,
  name: string,
  firstRow: number,
): Float64Array {
  const values = chunk.convertColumnValues(column, JSDuckDBValueConverter);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) out[i] = NaN;
    else if (typeof v === "number") out[i] = v;
    else if (typeof v === "bigint") out[i] = Number(v);
    else if (typeof v === "boolean") out[i] = v ? 1 : 0;
    else {
      throw new TypeError(
        `Cannot read column "${name}" as numbers: row ${firstRow + i} holds ${
          JSON.stringify(String(v))
        }`,
      );
    }
  }
  return out;
}
