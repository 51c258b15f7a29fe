/**
 * The one place riskpipe opens DuckDB. Stages and library code run SQL through these
 * helpers so quoting and type conversion are done the same way everywhere.
 */
import {
  type DuckDBConnection,
  type DuckDBDataChunk,
  DuckDBInstance,
  DuckDBTypeId,
  JSDuckDBValueConverter,
} from "@duckdb/node-api";
import bindings from "@duckdb/node-bindings";

export type { DuckDBConnection };

/** Options for {@link openDuckDb}. */
export interface OpenDuckDbOptions {
  /** Database file; in-memory when absent. */
  path?: string;
  /** Worker threads (DuckDB's default is all cores). */
  threads?: number;
  /** Memory limit such as "4GB". */
  memoryLimit?: string;
}

/**
 * Opens a DuckDB connection; close it with `conn.closeSync()`.
 * @example
 * const conn = await openDuckDb();
 * const rows = await queryRows(conn, "select 42 as x");
 */
export async function openDuckDb(options: OpenDuckDbOptions = {}): Promise<DuckDBConnection> {
  const config: Record<string, string> = {};
  if (options.threads !== undefined) config.threads = String(options.threads);
  if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
  const instance = await DuckDBInstance.create(options.path ?? ":memory:", config);
  return await instance.connect();
}

/** Quotes an identifier (table or column name) for SQL. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal (file paths included) for SQL. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Runs a query and returns its rows as plain objects (BIGINT becomes number when safe). */
export async function queryRows(
  conn: DuckDBConnection,
  sql: string,
): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) out[key] = toPlain(value);
    return out;
  });
}

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

/** A fixed-width column's values (a copy) and validity mask (null: all valid). */
function rawColumn(
  chunk: DuckDBDataChunk,
  column: number,
  bytesPerValue: number,
): { data: ArrayBuffer; valid: Uint8Array | null } {
  const n = chunk.rowCount;
  const vector = bindings.data_chunk_get_vector(chunk.chunk, column);
  const bytes = bindings.vector_get_data(vector, n * bytesPerValue);
  const data = new Uint8Array(bytes.subarray(0, n * bytesPerValue)).buffer;
  const mask = bindings.vector_get_validity(vector, Math.ceil(n / 64) * 8);
  return { data, valid: mask && mask.length > 0 ? mask : null };
}

/** Whether row i is not NULL in a validity mask (bit i, least significant first). */
function isValid(mask: Uint8Array, i: number): boolean {
  return (mask[i >> 3] & (1 << (i & 7))) !== 0;
}

/** Fixed-width vector layouts read straight from memory: bytes a value and the typed view. */
const FIXED: Partial<
  Record<DuckDBTypeId, { bytes: number; view: (b: ArrayBufferLike) => ArrayLike<number | bigint> }>
> = {
  [DuckDBTypeId.BOOLEAN]: { bytes: 1, view: (b) => new Uint8Array(b) },
  [DuckDBTypeId.TINYINT]: { bytes: 1, view: (b) => new Int8Array(b) },
  [DuckDBTypeId.SMALLINT]: { bytes: 2, view: (b) => new Int16Array(b) },
  [DuckDBTypeId.INTEGER]: { bytes: 4, view: (b) => new Int32Array(b) },
  [DuckDBTypeId.BIGINT]: { bytes: 8, view: (b) => new BigInt64Array(b) },
  [DuckDBTypeId.UTINYINT]: { bytes: 1, view: (b) => new Uint8Array(b) },
  [DuckDBTypeId.USMALLINT]: { bytes: 2, view: (b) => new Uint16Array(b) },
  [DuckDBTypeId.UINTEGER]: { bytes: 4, view: (b) => new Uint32Array(b) },
  [DuckDBTypeId.UBIGINT]: { bytes: 8, view: (b) => new BigUint64Array(b) },
  [DuckDBTypeId.FLOAT]: { bytes: 4, view: (b) => new Float32Array(b) },
  [DuckDBTypeId.DOUBLE]: { bytes: 8, view: (b) => new Float64Array(b) },
};

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

function toPlain(value: unknown): unknown {
  if (typeof value === "bigint") {
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  }
  return value;
}
