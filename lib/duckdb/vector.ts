/** Fixed-width DuckDB vectors read straight from their memory. */
import { type DuckDBDataChunk, DuckDBTypeId } from "@duckdb/node-api";
import bindings from "@duckdb/node-bindings";

/** A fixed-width column's values (a copy) and validity mask (null: all valid). */
export function rawColumn(
  chunk: DuckDBDataChunk,
  column: number,
  bytesPerValue: number,
): { data: ArrayBuffer; valid: Uint8Array | null } {
  const { bytes, valid } = rawColumnBytes(chunk, column, bytesPerValue);
  return { data: new Uint8Array(bytes).buffer, valid };
}

/**
 * A fixed-width column's bytes as a view of the vector's memory (valid only while the
 * chunk is; copy before keeping) and its validity mask (null: all valid).
 */
export function rawColumnBytes(
  chunk: DuckDBDataChunk,
  column: number,
  bytesPerValue: number,
): { bytes: Uint8Array; valid: Uint8Array | null } {
  const n = chunk.rowCount;
  const vector = bindings.data_chunk_get_vector(chunk.chunk, column);
  const bytes = bindings.vector_get_data(vector, n * bytesPerValue).subarray(0, n * bytesPerValue);
  const mask = bindings.vector_get_validity(vector, Math.ceil(n / 64) * 8);
  return { bytes, valid: mask && mask.length > 0 ? mask : null };
}

/** Whether row i is not NULL in a validity mask (bit i, least significant first). */
export function isValid(mask: Uint8Array, i: number): boolean {
  return (mask[i >> 3] & (1 << (i & 7))) !== 0;
}

/** Fixed-width vector layouts read straight from memory: bytes a value and the typed view. */
export const FIXED: Partial<
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
