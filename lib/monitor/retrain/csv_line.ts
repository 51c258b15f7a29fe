/**
 * A labelled logged row as one line of the source CSV, in the reference file's own
 * spelling: the target as the contract's positive or negative label, JSON booleans as its
 * first true or false word, a missing field as its missing marker ("" when it has one),
 * numbers as their JSON text, text as sent; quoted only where the dialect needs it.
 */
import type { CsvFormat } from "../../contracts/csv_contract_file.ts";

/** Delimiter and quote character of the reference file. */
export interface CsvLineDialect {
  delimiter: string;
  /** Quote character ("" when the sniffer found none: '"' is used). */
  quote: string;
}

/**
 * The cells of `inputs` under `header`, with `outcome` in the target column, as a line
 * without its line ending.
 * @example
 * ```ts
 * import { csvLine } from "./csv_line.ts";
 * const format = {
 *   targetColumn: "bad", positiveLabel: "yes", negativeLabel: "no", idColumn: null,
 *   missingMarkers: ["", "NA"], trueValues: ["yes"], falseValues: ["no"],
 * };
 * const line = csvLine(["age", "member", "city", "bad"], { age: 41, member: true, city: "Oslo, N" }, 1, format, {
 *   delimiter: ",", quote: '"',
 * });
 * if (line !== '41,yes,"Oslo, N",yes') throw new Error(line);
 * ```
 */
export function csvLine(
  header: readonly string[],
  inputs: Readonly<Record<string, unknown>>,
  outcome: 0 | 1,
  format: CsvFormat,
  dialect: CsvLineDialect,
): string {
  const missing = format.missingMarkers.includes("") ? "" : (format.missingMarkers[0] ?? "");
  const quote = dialect.quote === "" ? '"' : dialect.quote;
  return header.map((column) => {
    if (column === format.targetColumn) {
      return quoted(outcome === 1 ? format.positiveLabel : format.negativeLabel, dialect, quote);
    }
    const value = inputs[column];
    if (value === null || value === undefined) return quoted(missing, dialect, quote);
    if (value === true) return quoted(format.trueValues[0], dialect, quote);
    if (value === false) return quoted(format.falseValues[0], dialect, quote);
    const text = typeof value === "string" ? value : JSON.stringify(value);
    return quoted(text, dialect, quote);
  }).join(dialect.delimiter);
}

function quoted(text: string, dialect: CsvLineDialect, quote: string): string {
  const needs = text.includes(dialect.delimiter) || text.includes(quote) ||
    text.includes("\n") || text.includes("\r") || text !== text.trim();
  return needs ? quote + text.replaceAll(quote, quote + quote) + quote : text;
}
