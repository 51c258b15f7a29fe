/**
 * The retrain's training source: the reference CSV byte for byte, then one line per
 * qualifying labelled row, written once under its own SHA-256 (data/retrain/<hash>.csv,
 * read-only) with a description beside it. The path names the content, so the param
 * `data.csv.path` pointing at it fingerprints the rows like a dep would: the same rows give
 * the same file and an up-to-date pipeline, other rows another file.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../../pipeline/store/atomic.ts";
import { hashFile } from "../../pipeline/store/hash.ts";
import type { CsvFormat } from "../../contracts/csv_contract_file.ts";
import type { LabelledRequest } from "../../inference_log/labelled_requests.ts";
import { csvLine } from "./csv_line.ts";
import type { ReferenceCsv } from "./reference.ts";
import type { RetrainRowCounts } from "./select.ts";

/** Folder of the retrain sources, relative to the repo root. */
export const RETRAIN_DIR = "data/retrain";

/** Hex digits of the SHA-256 in a source's file name. */
const NAME_DIGITS = 16;

/** A written source. */
export interface RetrainSource {
  /** Path relative to the repo root (the value of `data.csv.path`). */
  path: string;
  /** SHA-256 hex of the file's bytes. */
  sha256: string;
  /** Rows: reference + added. */
  rows: number;
  /** False when the same file was there already. */
  written: boolean;
}

/** Options of {@link writeRetrainSource}. */
export interface WriteRetrainSourceOptions {
  root: string;
  reference: ReferenceCsv;
  /** The reference's path as the params name it (recorded in the description). */
  referencePath: string;
  format: CsvFormat;
  rows: readonly LabelledRequest[];
  counts: RetrainRowCounts;
  window: { from: Date; to: Date };
}

/** Writes (or finds) the source of `rows` added to the reference. */
export async function writeRetrainSource(
  options: WriteRetrainSourceOptions,
): Promise<RetrainSource> {
  const { reference, root } = options;
  const dir = join(root, RETRAIN_DIR);
  await Deno.mkdir(dir, { recursive: true });
  const temp = join(dir, `.writing-${crypto.randomUUID()}.csv`);
  try {
    await Deno.copyFile(reference.path, temp);
    const eol = reference.lineEnding;
    const dialect = { delimiter: reference.delimiter, quote: reference.quote };
    const lines = options.rows.map((row) =>
      csvLine(reference.header, row.inputs, row.outcome, options.format, dialect) + eol
    );
    const text = (reference.endsWithNewline ? "" : eol) + lines.join("");
    await Deno.writeTextFile(temp, text, { append: true });
    const sha256 = await hashFile(temp);
    const name = sha256.slice(0, NAME_DIGITS);
    const path = join(RETRAIN_DIR, `${name}.csv`);
    const target = join(root, path);
    const result = { path, sha256, rows: reference.rows + options.rows.length };
    const there = await existingHash(target);
    if (there !== undefined) {
      if (there !== sha256) {
        throw new Error(
          `Cannot write retrain source ${path}: the file there has other content (edited by hand?); remove it`,
        );
      }
      return { ...result, written: false };
    }
    await Deno.chmod(temp, 0o444);
    await Deno.rename(temp, target);
    await writeFileAtomic(
      join(root, RETRAIN_DIR, `${name}.json`),
      JSON.stringify(describe(options, result), null, 2) + "\n",
    );
    return { ...result, written: true };
  } finally {
    await Deno.remove(temp).catch(() => {});
  }
}

async function existingHash(path: string): Promise<string | undefined> {
  try {
    return await hashFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/** What the description beside a source holds: where its rows came from. */
function describe(
  options: WriteRetrainSourceOptions,
  source: { path: string; sha256: string; rows: number },
) {
  return {
    formatVersion: 1,
    path: source.path,
    sha256: source.sha256,
    rows: source.rows,
    reference: { path: options.referencePath, rows: options.reference.rows },
    window: { from: options.window.from.toISOString(), to: options.window.to.toISOString() },
    counts: options.counts,
    logIds: options.rows.map((row) => row.logId),
  };
}
