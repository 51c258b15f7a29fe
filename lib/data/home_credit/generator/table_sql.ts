/**
 * Builds the SQL that generates one table: parent rows, layers of derived latent values,
 * then every schema column in schema order, cast to its parquet type. Columns without a
 * rule are drawn from their schema marginal; missing cells are added from each column's
 * missing rate, with shared draws for blocks that Kaggle leaves empty together.
 */
import { quoteIdent } from "../../../duckdb/mod.ts";
import {
  type ColumnSchema,
  type TableName,
  tableSchema,
} from "../../../contracts/home_credit_schema.ts";
import { type Knots, marginalOf, marginalSql } from "./marginal.ts";
import type { SqlRandom } from "./sql_random.ts";

/** How one table is generated. */
export interface TableSpec {
  table: TableName;
  /** SQL (a query or table name) giving one row per generated row. */
  from: string;
  /** SQL expressions identifying a row, hashed into its draws. */
  keys: readonly string[];
  /** Named draws computed first, once per row (see createTableDraws). */
  draws?: Readonly<Record<string, string>>;
  /** Derived values in dependency order; each layer may use the ones before it. */
  layers?: readonly Record<string, string>[];
  /** Column rules; columns left out are drawn from their marginal. */
  columns?: Readonly<Record<string, string>>;
  /** Columns whose rule already yields NULL where it should (no missing draw added). */
  ownMissing?: readonly string[];
  /** Column → name of a group whose cells go missing together. */
  missingGroup?: (column: string) => string | undefined;
  /** Column → name of a group sharing one value draw (e.g. _AVG/_MODE/_MEDI triplets). */
  valueGroup?: (column: string) => string | undefined;
  /** Knots for columns whose schema entry has no quartiles. */
  assumedKnots?: Readonly<Record<string, Knots>>;
  /** Extra helper columns appended after the schema columns (for materialised parents). */
  extra?: Readonly<Record<string, string>>;
}

/** Returns the SELECT generating the table, schema columns first. */
export function tableSql(spec: TableSpec, random: SqlRandom): string {
  const schema = tableSchema(spec.table);
  const rules = spec.columns ?? {};
  for (const name of Object.keys(rules)) {
    if (!schema.columns.some((c) => c.name === name)) {
      throw new RangeError(`Cannot generate ${spec.table}: rule for unknown column "${name}"`);
    }
  }
  const draws: Record<string, string> = { ...spec.draws };
  const select = schema.columns.map((column) => {
    const value = rules[column.name] ?? genericSql(spec, column, random, draws);
    const withMissing = spec.ownMissing?.includes(column.name) || column.missingRate === 0
      ? value
      : missingSql(spec, column, random, draws, value);
    return `${castSql(withMissing, column)} AS ${quoteIdent(column.name)}`;
  });
  for (const [name, sql] of Object.entries(spec.extra ?? {})) select.push(`${sql} AS ${name}`);
  const layers = [draws, ...(spec.layers ?? [])];
  let source = `(${spec.from})`;
  layers.forEach((layer, i) => {
    const entries = Object.entries(layer);
    if (entries.length === 0) return;
    const list = entries.map(([name, sql]) => `${sql} AS ${name}`).join(",\n  ");
    source = `(SELECT l${i}.*,\n  ${list}\nFROM ${source} l${i})`;
  });
  return `SELECT\n  ${select.join(",\n  ")}\nFROM ${source} generated`;
}

function genericSql(
  spec: TableSpec,
  column: ColumnSchema,
  random: SqlRandom,
  draws: Record<string, string>,
): string {
  const group = spec.valueGroup?.(column.name) ?? column.name;
  const name = `_u_${safeName(group)}`;
  draws[name] ??= random.uniform(`${spec.table}.${group}`, spec.keys);
  const marginal = marginalOf(spec.table, column.name, spec.assumedKnots?.[column.name]);
  return marginalSql(marginal, name);
}

function missingSql(
  spec: TableSpec,
  column: ColumnSchema,
  random: SqlRandom,
  draws: Record<string, string>,
  value: string,
): string {
  const group = spec.missingGroup?.(column.name) ?? column.name;
  const name = `_m_${safeName(group)}`;
  draws[name] ??= random.uniform(`${spec.table}.missing.${group}`, spec.keys);
  return `(CASE WHEN ${name} < ${column.missingRate} THEN NULL ELSE ${value} END)`;
}

function castSql(value: string, column: ColumnSchema): string {
  const type = column.dtype === "int64"
    ? "BIGINT"
    : column.dtype === "float64"
    ? "DOUBLE"
    : "VARCHAR";
  return `CAST(${value} AS ${type})`;
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, "_");
}
