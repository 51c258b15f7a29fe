/**
 * SQL over the raw text cells of a CSV (all read as VARCHAR): when a cell is missing,
 * how it converts to its contract type, and when it fails to.
 */
import { quoteIdent, quoteLiteral } from "../../duckdb/mod.ts";
import type { ColumnType } from "../../contracts/mod.ts";
import type { CsvFormat } from "../../contracts/csv_contract_file.ts";

/** The conversion of one text column: its typed value and its failure predicate. */
export interface CellConversion {
  /** SQL expression of the typed value (NULL when missing). */
  value: string;
  /** SQL predicate true when a non-missing cell cannot be converted. */
  bad: string;
  /** What a good cell looks like, for the failure message. */
  expected: string;
}

/** SQL predicate: the cell is missing (NULL or a missing marker). */
export function missingSql(column: string, format: CsvFormat): string {
  const c = quoteIdent(column);
  const markers = format.missingMarkers.map((m) => quoteLiteral(m.trim().toLowerCase()));
  return markers.length === 0
    ? `(${c} IS NULL)`
    : `(${c} IS NULL OR lower(trim(${c})) IN (${markers.join(", ")}))`;
}

/** SQL of a cell parsed as a finite double, NULL when it does not parse. */
export function numberSql(column: string): string {
  const parsed = `try_cast(trim(${quoteIdent(column)}) AS DOUBLE)`;
  return `(CASE WHEN isfinite(${parsed}) THEN ${parsed} END)`;
}

/** SQL predicate: the cell is an integer literal. */
export function integerTextSql(column: string): string {
  return `regexp_full_match(trim(${quoteIdent(column)}), '[+-]?[0-9]+')`;
}

/** SQL predicate: the cell is one of the boolean words. */
export function booleanTextSql(column: string, format: CsvFormat): string {
  const words = [...format.trueValues, ...format.falseValues].map((w) =>
    quoteLiteral(w.toLowerCase())
  );
  return `lower(trim(${quoteIdent(column)})) IN (${words.join(", ")})`;
}

/** Builds the conversion of a column to a contract type. */
export function convertCells(column: string, type: ColumnType, format: CsvFormat): CellConversion {
  const missing = missingSql(column, format);
  const c = quoteIdent(column);
  const number = numberSql(column);
  switch (type) {
    case "float":
      return {
        value: `CASE WHEN NOT ${missing} THEN ${number} END`,
        bad: `NOT ${missing} AND ${number} IS NULL`,
        expected: "a finite number",
      };
    case "int":
      return {
        value: `CASE WHEN NOT ${missing} THEN try_cast(trim(${c}) AS BIGINT) END`,
        bad: `NOT ${missing} AND (NOT ${integerTextSql(column)} OR ` +
          `try_cast(trim(${c}) AS BIGINT) IS NULL)`,
        expected: "an integer",
      };
    case "boolean": {
      const truthy = format.trueValues.map((w) => quoteLiteral(w.toLowerCase())).join(", ");
      return {
        value: `CASE WHEN ${missing} THEN NULL WHEN ${booleanTextSql(column, format)} ` +
          `THEN lower(trim(${c})) IN (${truthy}) END`,
        bad: `NOT ${missing} AND NOT ${booleanTextSql(column, format)}`,
        expected: `one of ${[...format.trueValues, ...format.falseValues].join(", ")}`,
      };
    }
    case "category":
    case "string":
    case "text":
      return { value: `CASE WHEN NOT ${missing} THEN trim(${c}) END`, bad: "false", expected: "" };
  }
}

/** Builds the conversion of the target column to 0/1. */
export function convertTarget(format: CsvFormat): CellConversion {
  const c = quoteIdent(format.targetColumn);
  const positive = quoteLiteral(format.positiveLabel.trim());
  const negative = quoteLiteral(format.negativeLabel.trim());
  return {
    value: `CASE trim(${c}) WHEN ${positive} THEN 1 WHEN ${negative} THEN 0 END::BIGINT`,
    bad: `${c} IS NULL OR trim(${c}) NOT IN (${positive}, ${negative})`,
    expected: `${JSON.stringify(format.positiveLabel)} or ${JSON.stringify(format.negativeLabel)}`,
  };
}
