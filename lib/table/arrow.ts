/**
 * A DuckDB query as an Arrow table (flechette). @duckdb/node-api 1.5 returns no Arrow
 * IPC, so the result is read a column at a time (lib/duckdb) and built into Arrow
 * columns with types chosen from DuckDB's, so integers stay integers and NULLs stay null.
 */
import {
  bool,
  type DataType,
  dateDay,
  dictionary,
  float32,
  float64,
  int16,
  int32,
  int8,
  type Table,
  tableFromArrays,
  timestamp,
  TimeUnit,
  Type,
  uint16,
  uint32,
  uint8,
  utf8,
} from "@uwdata/flechette";
import { type DuckDBConnection, type DuckDBResult, DuckDBTypeId } from "@duckdb/node-api";
import { chunkColumnsJS } from "../duckdb/mod.ts";

/** Arrow types of the DuckDB types a query may return here (64-bit integers as doubles). */
const ARROW_TYPES: Partial<Record<DuckDBTypeId, () => DataType>> = {
  [DuckDBTypeId.BOOLEAN]: bool,
  [DuckDBTypeId.TINYINT]: int8,
  [DuckDBTypeId.SMALLINT]: int16,
  [DuckDBTypeId.INTEGER]: int32,
  // counts and sums are BIGINT in DuckDB; lib/duckdb reads them as the nearest number.
  [DuckDBTypeId.BIGINT]: float64,
  [DuckDBTypeId.HUGEINT]: float64,
  [DuckDBTypeId.UTINYINT]: uint8,
  [DuckDBTypeId.USMALLINT]: uint16,
  [DuckDBTypeId.UINTEGER]: uint32,
  [DuckDBTypeId.UBIGINT]: float64,
  [DuckDBTypeId.FLOAT]: float32,
  [DuckDBTypeId.DOUBLE]: float64,
  [DuckDBTypeId.DECIMAL]: float64,
  [DuckDBTypeId.VARCHAR]: () => dictionary(utf8()),
  [DuckDBTypeId.DATE]: dateDay,
  [DuckDBTypeId.TIMESTAMP]: () => timestamp(TimeUnit.MILLISECOND),
};

function arrowType(result: DuckDBResult, column: number): DataType {
  const typeId = result.columnTypeId(column);
  const make = ARROW_TYPES[typeId];
  if (make === undefined) {
    throw new TypeError(
      `Cannot read column "${result.columnName(column)}" as Arrow: DuckDB type ${
        result.columnType(column).toString()
      } is not supported`,
    );
  }
  return make();
}

/** DuckDB's JS values as flechette builders take them (dates and timestamps as Date). */
function arrowValue(typeId: DuckDBTypeId, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeId === DuckDBTypeId.DECIMAL || typeId === DuckDBTypeId.HUGEINT) return Number(value);
  if (typeId === DuckDBTypeId.DATE || typeId === DuckDBTypeId.TIMESTAMP) {
    return new Date(String(value));
  }
  return value;
}

/**
 * Runs `sql` and returns the result as an Arrow table (NULL as null).
 * @example
 * ```ts
 * import { openDuckDb } from "../duckdb/mod.ts";
 * import { queryArrow } from "./arrow.ts";
 * const conn = await openDuckDb({ threads: 1 });
 * const table = await queryArrow(conn, "select 1::INTEGER as n, 'a' as s");
 * conn.closeSync();
 * if (table.numRows !== 1 || table.getChild("s")?.at(0) !== "a") throw new Error("expected a row");
 * ```
 */
export async function queryArrow(conn: DuckDBConnection, sql: string): Promise<Table> {
  const result = await conn.run(sql);
  const names = result.columnNames();
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) {
    throw new RangeError(`Cannot read query as Arrow: column "${duplicate}" appears twice`);
  }
  const types = names.map((_, j) => arrowType(result, j));
  const typeIds = names.map((_, j) => result.columnTypeId(j));
  const columns: unknown[][] = names.map(() => []);
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0;) {
    const values = chunkColumnsJS(chunk);
    for (let j = 0; j < names.length; j++) {
      for (const value of values[j]) columns[j].push(arrowValue(typeIds[j], value));
    }
    chunk = await result.fetchChunk();
  }
  // arquero cannot read a dictionary column without batches; an empty one is plain utf8.
  const rows = columns[0]?.length ?? 0;
  const typed = types.map((type) => rows === 0 && type.typeId === Type.Dictionary ? utf8() : type);
  return tableFromArrays(
    Object.fromEntries(names.map((name, j) => [name, columns[j]])),
    { types: Object.fromEntries(names.map((name, j) => [name, typed[j]])) },
  );
}
