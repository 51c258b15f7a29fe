/**
 * The csv source's reviewable contract file: the table contract of the typed table plus
 * how the CSV's text maps to it (missing markers, boolean words, target labels).
 */
import { z } from "zod";
import { parseJsonFile } from "../json/mod.ts";
import { TableContract } from "./types.ts";

/** How cells of the CSV are read. */
export const CsvFormat = z.strictObject({
  /** Column holding the target in the CSV. */
  targetColumn: z.string().min(1),
  /** Target label read as 1; `negativeLabel` is read as 0, anything else is an error. */
  positiveLabel: z.string(),
  negativeLabel: z.string(),
  /** CSV id column, or null when ingest numbers the rows into `ROW_ID`. */
  idColumn: z.string().min(1).nullable(),
  /** Cell texts read as missing, compared case-insensitively after trimming. */
  missingMarkers: z.array(z.string()),
  /** Words read as true and false in boolean columns, case-insensitively. */
  trueValues: z.array(z.string()).min(1),
  falseValues: z.array(z.string()).min(1),
});

/** How cells of the CSV are read. */
export type CsvFormat = z.infer<typeof CsvFormat>;

/** The contract file: `csv` says how to read the text, `contract` what the table must be. */
export const CsvContractFile = z.strictObject({
  formatVersion: z.literal(1),
  csv: CsvFormat,
  contract: TableContract,
});

/** The parsed contract file. */
export type CsvContractFile = z.infer<typeof CsvContractFile>;

/** Name of the row-number id column ingest adds when the CSV has no id column. */
export const ROW_ID = "ROW_ID";

/** Default missing markers ("" included). */
export const MISSING_MARKERS = ["", "NA", "N/A", "?", "null", "NaN"];
/** Default words read as true in boolean columns. */
export const TRUE_VALUES = ["yes", "true", "y", "t"];
/** Default words read as false in boolean columns. */
export const FALSE_VALUES = ["no", "false", "n", "f"];

/** Reads a contract file, naming the file and every problem in it. */
export function readCsvContract(path: string): Promise<CsvContractFile> {
  return parseJsonFile(path, CsvContractFile, { what: "contract" });
}

/** Writes a contract file as pretty JSON, creating its folder. */
export async function writeCsvContract(path: string, file: CsvContractFile): Promise<void> {
  const folder = path.slice(0, Math.max(0, path.lastIndexOf("/")));
  if (folder !== "") await Deno.mkdir(folder, { recursive: true });
  await Deno.writeTextFile(path, `${JSON.stringify(CsvContractFile.parse(file), null, 2)}\n`);
}
