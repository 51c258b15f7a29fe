/**
 * data/raw/parquet/source.json: which source produced the raw tables and how many rows
 * each has, read by validation and the feature store to know what to expect.
 */

/** The data sources ingest understands (param `data.source`). */
export type DataSource = "synthetic" | "home-credit" | "csv";

/** Contents of source.json. */
export interface SourceInfo {
  source: DataSource;
  /** Table names, each written as `<name>.parquet` beside source.json. */
  tables: string[];
  rows: Record<string, number>;
  /**
   * csv source: the reviewed contract's category levels by column, in the contract's
   * order, so the feature store codes categories as the contract says, not as the data
   * happens to hold them.
   */
  levels?: Record<string, string[]>;
  /** csv source: the contract's free-text (`text`) columns, kept as text in the store. */
  textColumns?: string[];
}

/** File name of the source description beside the raw parquet files. */
export const SOURCE_FILE = "source.json";

/** Writes source.json into the raw parquet directory. */
export async function writeSourceInfo(dir: string, info: SourceInfo): Promise<void> {
  await Deno.writeTextFile(`${dir}/${SOURCE_FILE}`, JSON.stringify(info, null, 2) + "\n");
}

/** Reads source.json from the raw parquet directory. */
export async function readSourceInfo(dir: string): Promise<SourceInfo> {
  const path = `${dir}/${SOURCE_FILE}`;
  const parsed = JSON.parse(await Deno.readTextFile(path));
  const sources: DataSource[] = ["synthetic", "home-credit", "csv"];
  if (!sources.includes(parsed?.source) || !Array.isArray(parsed.tables)) {
    throw new TypeError(`Cannot read ${path}: not a source description`);
  }
  return parsed as SourceInfo;
}
