/**
 * Type inference over the raw text cells of a CSV, as SQL aggregates: boolean words,
 * numbers (int or float), category levels or free text, and nullability. A column is
 * numeric when at least 80% of its non-missing cells parse, so one bad cell in a numeric
 * column is reported by conversion instead of turning the column into a category. A
 * string column is free text (`text`, TF-IDF features) when at least half of its
 * non-missing cells are distinct, they average at least 20 characters and at least two
 * words (so ids, codes and e-mail addresses stay strings).
 */
import { type DuckDBConnection, queryRows, quoteIdent, quoteLiteral } from "../../duckdb/mod.ts";
import type { ColumnContract, TableContract } from "../../contracts/mod.ts";
import { booleanTextSql, integerTextSql, missingSql, numberSql } from "./cells.ts";
import {
  type CsvContractFile,
  type CsvFormat,
  FALSE_VALUES,
  MISSING_MARKERS,
  ROW_ID,
  TRUE_VALUES,
} from "../../contracts/csv_contract_file.ts";

/** Share of non-missing cells that must parse for a column to be numeric. */
const NUMERIC_SHARE = 0.8;
/** Above this many distinct values a text column is free text, not a category. */
const MAX_LEVELS = 100;
/** Free text: share of distinct non-missing cells, their mean length and word count. */
const TEXT_DISTINCT_SHARE = 0.5;
const TEXT_MEAN_LENGTH = 20;
const TEXT_MEAN_WORDS = 2;

/** What inference needs to know beyond the cells. */
export interface InferOptions {
  /** The CSV, named in errors. */
  path?: string;
  idColumn: string | null;
  targetColumn: string;
  positiveLabel: string;
}

interface ColumnStats {
  present: number;
  numbers: number;
  integers: number;
  booleans: number;
  distinct: number;
  missing: number;
  /** Mean characters and mean whitespace-separated words of the non-missing cells. */
  meanLength: number;
  meanWords: number;
}

/**
 * Infers the contract file of a CSV already loaded as the text table `view`.
 * @example
 * ```ts
 * import { inferCsvContract } from "./infer.ts";
 * import { readCsvText } from "./read_text.ts";
 * import { openDuckDb } from "../../duckdb/mod.ts";
 * const path = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(path, "id,age,y\n1,30,bad\n2,41,good\n");
 * const conn = await openDuckDb({ threads: 1 });
 * const columns = await readCsvText(conn, path);
 * const options = { idColumn: "id", targetColumn: "y", positiveLabel: "bad" };
 * const file = await inferCsvContract(conn, "csv_text", columns, options);
 * conn.closeSync();
 * await Deno.remove(path);
 * if (file.formatVersion !== 1) throw new Error("expected a csv contract file");
 * ```
 */
export async function inferCsvContract(
  conn: DuckDBConnection,
  view: string,
  columns: string[],
  options: InferOptions,
): Promise<CsvContractFile> {
  const format: CsvFormat = {
    targetColumn: options.targetColumn,
    positiveLabel: options.positiveLabel,
    negativeLabel: "",
    idColumn: options.idColumn,
    missingMarkers: MISSING_MARKERS,
    trueValues: TRUE_VALUES,
    falseValues: FALSE_VALUES,
  };
  format.negativeLabel = await negativeLabel(conn, view, format, options.path);
  const stats = await columnStats(conn, view, columns, format);
  const contracts: ColumnContract[] = [];
  const idContract: ColumnContract = options.idColumn === null
    ? { name: ROW_ID, type: "int", nullable: false, min: 1, description: "Row number in the CSV" }
    : {
      name: options.idColumn,
      type: stats.get(options.idColumn)!.integers === stats.get(options.idColumn)!.present
        ? "int"
        : "string",
      nullable: false,
    };
  contracts.push(idContract);
  contracts.push({ name: options.targetColumn, type: "int", nullable: false, min: 0, max: 1 });
  for (const column of columns) {
    if (column === options.idColumn || column === options.targetColumn) continue;
    contracts.push(await inferColumn(conn, view, column, stats.get(column)!, format));
  }
  const contract: TableContract = {
    formatVersion: 1,
    table: "table",
    key: [idContract.name],
    target: options.targetColumn,
    minRows: 1,
    columns: contracts,
  };
  return { formatVersion: 1, csv: format, contract };
}

async function inferColumn(
  conn: DuckDBConnection,
  view: string,
  column: string,
  stats: ColumnStats,
  format: CsvFormat,
): Promise<ColumnContract> {
  const nullable = stats.missing > 0;
  if (stats.present === 0) return { name: column, type: "string", nullable };
  if (stats.booleans === stats.present) return { name: column, type: "boolean", nullable };
  if (stats.numbers >= NUMERIC_SHARE * stats.present) {
    const type = stats.integers === stats.numbers ? "int" : "float";
    return { name: column, type, nullable };
  }
  if (isFreeText(stats)) {
    const description = "Free text: its words and word pairs are TF-IDF features";
    return { name: column, type: "text", nullable, description };
  }
  if (stats.distinct > MAX_LEVELS) return { name: column, type: "string", nullable };
  const rows = await queryRows(
    conn,
    `SELECT trim(${quoteIdent(column)}) AS level, count(*) AS n FROM ${view}
     WHERE NOT ${missingSql(column, format)} GROUP BY level ORDER BY n DESC, level`,
  );
  return { name: column, type: "category", nullable, levels: rows.map((r) => String(r.level)) };
}

async function columnStats(
  conn: DuckDBConnection,
  view: string,
  columns: string[],
  format: CsvFormat,
): Promise<Map<string, ColumnStats>> {
  const terms = columns.flatMap((column, j) => {
    const present = `NOT ${missingSql(column, format)}`;
    return [
      `count(*) FILTER (WHERE ${present}) AS p${j}`,
      `count(*) FILTER (WHERE ${present} AND ${numberSql(column)} IS NOT NULL) AS n${j}`,
      `count(*) FILTER (WHERE ${present} AND ${integerTextSql(column)}) AS i${j}`,
      `count(*) FILTER (WHERE ${present} AND ${booleanTextSql(column, format)}) AS b${j}`,
      `count(DISTINCT trim(${quoteIdent(column)})) FILTER (WHERE ${present}) AS d${j}`,
      `count(*) FILTER (WHERE NOT (${present})) AS m${j}`,
      `avg(length(trim(${quoteIdent(column)}))) FILTER (WHERE ${present}) AS l${j}`,
      `avg(len(string_split_regex(trim(${
        quoteIdent(column)
      }), '\\s+'))) FILTER (WHERE ${present}) AS w${j}`,
    ];
  });
  const [row] = await queryRows(conn, `SELECT ${terms.join(", ")} FROM ${view}`);
  return new Map(columns.map((column, j) => [column, {
    present: Number(row[`p${j}`]),
    numbers: Number(row[`n${j}`]),
    integers: Number(row[`i${j}`]),
    booleans: Number(row[`b${j}`]),
    distinct: Number(row[`d${j}`]),
    missing: Number(row[`m${j}`]),
    meanLength: Number(row[`l${j}`] ?? 0),
    meanWords: Number(row[`w${j}`] ?? 0),
  }]));
}

function isFreeText(stats: ColumnStats): boolean {
  return stats.distinct >= TEXT_DISTINCT_SHARE * stats.present &&
    stats.meanLength >= TEXT_MEAN_LENGTH && stats.meanWords >= TEXT_MEAN_WORDS;
}

async function negativeLabel(
  conn: DuckDBConnection,
  view: string,
  options: CsvFormat,
  path: string | undefined,
): Promise<string> {
  const c = quoteIdent(options.targetColumn);
  const rows = await queryRows(
    conn,
    `SELECT DISTINCT trim(${c}) AS label FROM ${view}
     WHERE NOT ${missingSql(options.targetColumn, options)}
       AND trim(${c}) <> ${quoteLiteral(options.positiveLabel.trim())}
     ORDER BY label LIMIT 3`,
  );
  const labels = rows.map((row) => String(row.label));
  if (labels.length !== 1) {
    const found = labels.length === 0 ? "no other label" : labels.map((l) => `"${l}"`).join(", ");
    const where = path === undefined ? "Cannot infer the csv contract" : `Cannot ingest "${path}"`;
    throw new TypeError(
      `${where}: target column "${options.targetColumn}" must hold two labels, but besides ` +
        `the positive label "${options.positiveLabel}" it holds ${found}` +
        (labels.length > 2 ? ", …" : ""),
    );
  }
  return labels[0];
}
