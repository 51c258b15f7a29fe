/** Which DuckDB column types satisfy each logical contract type. */
import type { ColumnType } from "./types.ts";

const INTEGER_TYPES = new Set([
  "TINYINT",
  "SMALLINT",
  "INTEGER",
  "BIGINT",
  "HUGEINT",
  "UTINYINT",
  "USMALLINT",
  "UINTEGER",
  "UBIGINT",
]);

/** The DuckDB type a column of each logical type is written as by riskpipe. */
export const WRITTEN_TYPE: Record<ColumnType, string> = {
  int: "BIGINT",
  float: "DOUBLE",
  string: "VARCHAR",
  text: "VARCHAR",
  category: "VARCHAR",
  boolean: "BOOLEAN",
};

/** Tells whether a DuckDB column type (as DESCRIBE prints it) fits a logical type. */
export function fitsType(duckdbType: string, type: ColumnType): boolean {
  switch (type) {
    case "int":
      return INTEGER_TYPES.has(duckdbType);
    case "float":
      return duckdbType === "DOUBLE" || duckdbType === "FLOAT";
    case "string":
    case "text":
    case "category":
      return duckdbType === "VARCHAR";
    case "boolean":
      return duckdbType === "BOOLEAN";
  }
}
