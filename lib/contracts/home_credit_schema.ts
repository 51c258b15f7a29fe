/**
 * The Kaggle Home Credit tables as riskpipe sees them: column names, order, pandas
 * dtypes, missing rates, full-data ranges, category levels and sentinels, read from the
 * committed reference `home_credit_schema.json`. The generator, ingest, contracts and the
 * feature store all take column lists from here, never from their own copies.
 */
import raw from "./home_credit_schema.json" with { type: "json" };

/** The seven tables riskpipe uses, in pipeline order (application_test is not used). */
export const HOME_CREDIT_TABLES = [
  "application_train",
  "bureau",
  "bureau_balance",
  "previous_application",
  "POS_CASH_balance",
  "installments_payments",
  "credit_card_balance",
] as const;

/** Name of one of the seven Home Credit tables. */
export type TableName = typeof HOME_CREDIT_TABLES[number];

/** Pandas dtype of a column when the Kaggle CSV is read with defaults. */
export type HomeCreditDtype = "int64" | "float64" | "object";

/** One column of a Home Credit table. */
export interface ColumnSchema {
  name: string;
  dtype: HomeCreditDtype;
  /** Share of missing cells in the full Kaggle data. */
  missingRate: number;
  /** Full-data minimum (sentinel values included), when known. */
  min?: number;
  /** Full-data maximum (sentinel values included), when known. */
  max?: number;
  /** Object columns: category levels, most frequent first. */
  levels?: string[];
  /** Placeholder value meaning "not applicable", e.g. DAYS_EMPLOYED 365243. */
  sentinel?: number;
  description: string;
}

/** One Home Credit table: its key, Kaggle row count and columns in CSV order. */
export interface TableSchema {
  name: TableName;
  /** Key columns (empty when the table has no unique key). */
  key: string[];
  /** Row count of the Kaggle release. */
  rows: number;
  columns: ColumnSchema[];
}

/** The Kaggle day-count placeholder for "not applicable" (~1000 years). */
export const DAYS_SENTINEL = 365243;

/** Raw column entry of home_credit_schema.json (only the fields read here). */
export interface RawColumn {
  name: string;
  dtype: string;
  description: string;
  notes?: string;
  missing_rate: number;
  values?: (string | number)[];
  value_counts?: Record<string, number>;
  stats?: Record<string, unknown>;
}

interface RawTable {
  rows: number;
  key: string[];
  columns: RawColumn[];
}

const rawTables = (raw as unknown as { tables: Record<string, RawTable> }).tables;

const cache = new Map<TableName, TableSchema>();

/**
 * Returns the schema of one Home Credit table.
 * @example
 * ```ts
 * import { tableSchema } from "./home_credit_schema.ts";
 * const names = tableSchema("bureau").columns.map((c) => c.name);
 * if (names[0] !== "SK_ID_CURR") throw new Error(`got ${names[0]}`); // then SK_ID_BUREAU, …
 * ```
 */
export function tableSchema(name: TableName): TableSchema {
  const cached = cache.get(name);
  if (cached) return cached;
  const table = rawTableOf(name);
  const schema: TableSchema = {
    name,
    key: [...table.key],
    rows: table.rows,
    columns: table.columns.map(toColumnSchema),
  };
  cache.set(name, schema);
  return schema;
}

/** Returns the raw home_credit_schema.json entry of a table, for code that needs its quartiles. */
export function rawTableOf(name: TableName): RawTable {
  const table = rawTables[name];
  if (!table) {
    throw new RangeError(`Cannot read schema: table "${name}" is not in home_credit_schema.json`);
  }
  return table;
}

/** Tells whether a string names one of the seven Home Credit tables. */
export function isTableName(name: string): name is TableName {
  return (HOME_CREDIT_TABLES as readonly string[]).includes(name);
}

function toColumnSchema(column: RawColumn): ColumnSchema {
  const dtype = column.dtype;
  if (dtype !== "int64" && dtype !== "float64" && dtype !== "object") {
    throw new TypeError(`Cannot read schema: column "${column.name}" has dtype "${dtype}"`);
  }
  const out: ColumnSchema = {
    name: column.name,
    dtype,
    missingRate: column.missing_rate,
    description: column.description,
  };
  const stats = column.stats ?? {};
  if (typeof stats.min === "number") out.min = stats.min;
  if (typeof stats.max === "number") out.max = stats.max;
  if (dtype === "object") out.levels = levelsOf(column);
  if (column.notes?.includes(`sentinel value ${DAYS_SENTINEL}`)) out.sentinel = DAYS_SENTINEL;
  return out;
}

function levelsOf(column: RawColumn): string[] {
  if (column.value_counts) {
    return Object.entries(column.value_counts)
      .sort((a, b) => b[1] - a[1])
      .map(([level]) => level);
  }
  return (column.values ?? []).map(String);
}
