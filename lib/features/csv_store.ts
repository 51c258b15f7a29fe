/**
 * The feature store of a one-table CSV source: the typed table itself with its text
 * columns encoded as categoricals (levels from the reviewed contract when it lists them,
 * else from the data), 0/1 integer columns as
 * booleans, everything else as DOUBLE, and the target as 0/1 (kept when ingest already
 * mapped it, else 1 where it equals the positive label). Free-text columns (the
 * contract's `text` type) are kept as text after the features and listed in the
 * manifest's `text`: the split fits their TF-IDF vocabulary on the training rows.
 */
import { type DuckDBConnection, queryRows, quoteIdent, quoteLiteral } from "../duckdb/mod.ts";
import { sortLevels } from "./encoding.ts";
import type { FeatureManifest, ManifestFeature, TextColumn } from "./manifest/mod.ts";

/** How the CSV's key and target are named (the `data.csv` params). */
export interface CsvStoreOptions {
  /** Id column, or null to number the rows from 1 in file order. */
  idColumn: string | null;
  targetColumn: string;
  /** Target value (as text) that means 1; every other value means 0. */
  positiveLabel: string;
}

/**
 * Key column when the CSV has no id column: csv ingest writes the row numbers into it;
 * a table without it is numbered here, from 1 in file order.
 */
export const ROW_NUMBER_KEY = "ROW_ID";

/** Target column name of every feature store. */
export const STORE_TARGET = "TARGET";

/** A planned CSV feature store: its SELECT over the view `csv_table` and its manifest. */
export interface CsvStorePlan {
  sql: string;
  manifest: FeatureManifest;
}

/**
 * Inspects the view `csv_table` (the ingested table.parquet read with
 * `file_row_number = true`) and plans the store.
 * @example
 * ```ts
 * import { planCsvStore } from "./csv_store.ts";
 * import { openDuckDb } from "../duckdb/mod.ts";
 * const conn = await openDuckDb({ threads: 1 });
 * // the ingested table.parquet, read with file_row_number = true
 * await conn.run(
 *   "create view csv_table as select * from (values (0::BIGINT, 1.5, 'yes'), (1, 2.5, 'no')) " +
 *     "t(file_row_number, amount, y)",
 * );
 * const plan = await planCsvStore(conn, { idColumn: null, targetColumn: "y", positiveLabel: "yes" });
 * conn.closeSync();
 * if (plan.manifest.features[0]?.name !== "amount") throw new Error("expected the amount feature");
 * ```
 */
export async function planCsvStore(
  conn: DuckDBConnection,
  options: CsvStoreOptions,
  contractLevels: Readonly<Record<string, readonly string[]>> = {},
  textColumns: readonly string[] = [],
): Promise<CsvStorePlan> {
  const columns = (await queryRows(conn, "DESCRIBE csv_table"))
    .map((row) => ({ name: String(row.column_name), type: String(row.column_type) }))
    .filter((column) => column.name !== "file_row_number");
  const names = columns.map((c) => c.name);
  const require = (name: string, role: string) => {
    if (!names.includes(name)) {
      throw new RangeError(
        `Cannot build the CSV feature store: ${role} column "${name}" is not in the table (columns: ${
          names.join(", ")
        })`,
      );
    }
  };
  require(options.targetColumn, "target");
  if (options.idColumn !== null) require(options.idColumn, "id");
  const key = options.idColumn ?? ROW_NUMBER_KEY;
  const numbered = options.idColumn === null && !names.includes(ROW_NUMBER_KEY);
  const target = await targetSql(conn, options);
  const features: ManifestFeature[] = [];
  const text: TextColumn[] = [];
  const textSelect: string[] = [];
  const select = [
    numbered ? `CAST(file_row_number + 1 AS BIGINT) AS ${quoteIdent(key)}` : quoteIdent(key),
    `${target} AS ${quoteIdent(STORE_TARGET)}`,
  ];
  for (const column of columns) {
    if (column.name === key || column.name === options.targetColumn) continue;
    if (column.name === STORE_TARGET) {
      throw new RangeError(
        `Cannot build the CSV feature store: column "${column.name}" clashes with a reserved name`,
      );
    }
    if (textColumns.includes(column.name)) {
      text.push({
        name: column.name,
        source: "csv",
        description:
          `Free text of column "${column.name}" of the CSV (TF-IDF features after the split).`,
      });
      textSelect.push(`CAST(${quoteIdent(column.name)} AS VARCHAR) AS ${quoteIdent(column.name)}`);
      continue;
    }
    const { feature, sql } = await featureOf(
      conn,
      column.name,
      column.type,
      contractLevels[column.name],
    );
    features.push(feature);
    select.push(`${sql} AS ${quoteIdent(column.name)}`);
  }
  const order = numbered ? "file_row_number" : quoteIdent(key);
  return {
    sql: `SELECT ${[...select, ...textSelect].join(", ")} FROM csv_table ORDER BY ${order}`,
    manifest: {
      formatVersion: 1,
      key,
      target: STORE_TARGET,
      features,
      ...(text.length > 0 ? { text } : {}),
    },
  };
}

async function targetSql(conn: DuckDBConnection, options: CsvStoreOptions): Promise<string> {
  const t = quoteIdent(options.targetColumn);
  const [{ missing }] = await queryRows(
    conn,
    `SELECT count(*) - count(${t}) AS missing FROM csv_table`,
  );
  if (Number(missing) > 0) {
    throw new RangeError(
      `Cannot build the CSV feature store: target column "${options.targetColumn}" is missing in ${missing} rows`,
    );
  }
  const values =
    (await queryRows(conn, `SELECT DISTINCT CAST(${t} AS VARCHAR) AS v FROM csv_table`))
      .map((row) => String(row.v));
  // csv ingest has already mapped the target to 0/1; a table from elsewhere may not have.
  if (values.every((v) => v === "0" || v === "1")) return `CAST(${t} AS INTEGER)`;
  if (!values.includes(options.positiveLabel)) {
    throw new RangeError(
      `Cannot build the CSV feature store: target column "${options.targetColumn}" never holds the positive label ${
        JSON.stringify(options.positiveLabel)
      } (values: ${sortLevels(values).slice(0, 10).join(", ")})`,
    );
  }
  return `CAST(CAST(${t} AS VARCHAR) = ${quoteLiteral(options.positiveLabel)} AS INTEGER)`;
}

async function featureOf(
  conn: DuckDBConnection,
  name: string,
  type: string,
  contractLevels: readonly string[] | undefined,
): Promise<{ feature: ManifestFeature; sql: string }> {
  const c = quoteIdent(name);
  const description = `Column "${name}" of the CSV (${type}).`;
  if (type === "VARCHAR") {
    // A value outside the contract's levels was refused by validation; here it codes NULL.
    const levels = contractLevels !== undefined ? [...contractLevels] : sortLevels(
      (await queryRows(conn, `SELECT DISTINCT ${c} AS v FROM csv_table WHERE ${c} IS NOT NULL`))
        .map((row) => String(row.v)),
    );
    const arms = levels.map((level, code) => `WHEN ${quoteLiteral(level)} THEN ${code}`);
    const sql = arms.length === 0
      ? "CAST(NULL AS INTEGER)"
      : `CAST(CASE ${c} ${arms.join(" ")} END AS INTEGER)`;
    return { feature: { name, type: "categorical", levels, source: "csv", description }, sql };
  }
  if (type === "BOOLEAN") {
    return {
      feature: { name, type: "boolean", source: "csv", description },
      sql: `CAST(${c} AS INTEGER)`,
    };
  }
  if (/INT/.test(type)) {
    const [{ other }] = await queryRows(
      conn,
      `SELECT count(*) FILTER (WHERE ${c} NOT IN (0, 1)) AS other FROM csv_table`,
    );
    if (Number(other) === 0) {
      return {
        feature: { name, type: "boolean", source: "csv", description },
        sql: `CAST(${c} AS INTEGER)`,
      };
    }
  }
  const value = `CAST(${c} AS DOUBLE)`;
  return {
    feature: { name, type: "numeric", source: "csv", description },
    sql: `CASE WHEN isfinite(${value}) THEN ${value} END`,
  };
}
