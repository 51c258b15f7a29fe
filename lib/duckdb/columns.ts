/** Column readers: query results as typed numeric columns or as JS values a column. */
import {
  type DuckDBConnection,
  type DuckDBDataChunk,
  DuckDBTypeId,
  JSDuckDBValueConverter,
} from "@duckdb/node-api";
import { FIXED, isValid, rawColumn } from "./vector.ts";

/**
 * Reads numeric columns of a query as Float64Arrays (NULL becomes NaN), the shape
 * the model code trains on.
 */
export async function queryNumericColumns(
  conn: DuckDBConnection,
  sql: string,
): Promise<{ names: string[]; columns: Float64Array[]; rows: number }> {
  const result = await conn.run(sql);
  const names = result.columnNames();
  const doubles = names.map((_, j) => result.columnTypeId(j) === DuckDBTypeId.DOUBLE);
  const parts: Float64Array[][] = names.map(() => []);
  let rows = 0;
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0;) {
    for (let j = 0; j < names.length; j++) {
      parts[j].push(
        doubles[j] ? readDoubles(chunk, j) : readOtherAsNumbers(chunk, j, names[j], rows),
      );
    }
    rows += chunk.rowCount;
    chunk = await result.fetchChunk();
  }
  const columns = parts.map((chunks) => {
    const out = new Float64Array(rows);
    let at = 0;
    for (const part of chunks) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  });
  return { names, columns, rows };
}

/**
 * A DOUBLE column of a chunk straight from its vector's memory, NULL as NaN. The value
 * API reads each validity bit through BigInt arithmetic (~120 ns a value, seconds for a
 * training set); here a byte of the mask covers eight rows.
 */
function readDoubles(chunk: DuckDBDataChunk, column: number): Float64Array {
  const { data, valid } = rawColumn(chunk, column, 8);
  const out = new Float64Array(data);
  if (valid !== null) {
    for (let i = 0; i < out.length; i++) if (!isValid(valid, i)) out[i] = NaN;
  }
  return out;
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
