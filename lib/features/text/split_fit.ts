/**
 * The split's side of free-text columns: each text column of the store gets its TF-IDF
 * vocabulary fitted on the training rows only (the test rows never shape it), then every
 * row of both parts is transformed with it into a temp table the parts are joined with.
 * Fitting here rather than in the feature store keeps the vocabulary and idf off the test
 * split; fitting here rather than in train lets every later stage (train, evaluate,
 * register, serve) read ordinary numeric features and the split manifest that names them.
 */
import { type DuckDBConnection, quoteIdent } from "../../duckdb/mod.ts";
import type { FeatureManifest, ManifestFeature } from "../manifest/mod.ts";
import { textFeatures } from "./features.ts";
import { fitTfidf, type TfidfOptions, TfidfTransform } from "./vectorizer.ts";

/** Name of the temp table holding the TF-IDF columns, keyed by `r` (the store row). */
export const TEXT_FEATURE_TABLE = "text_features";

/** What a text column became: its fitted size, for the split report. */
export interface TextFitSummary {
  column: string;
  trainingRows: number;
  terms: number;
}

/** The TF-IDF features of the store's text columns, fitted and computed. */
export interface TextSplit {
  /** The term features of every text column, in manifest order. */
  features: ManifestFeature[];
  /** columns[j][i]: feature j of store row i. */
  columns: Float64Array[];
  summary: TextFitSummary[];
}

/**
 * Fits each text column of `manifest` on the rows where `isTest` is 0 and computes its
 * features for every row of `relation` (read in `file_row_number` order); throws a
 * RangeError naming the column and the rule when no term is frequent enough.
 */
export async function fitTextSplit(
  conn: DuckDBConnection,
  relation: string,
  manifest: FeatureManifest,
  isTest: Uint8Array,
  options: TfidfOptions,
): Promise<TextSplit> {
  const features: ManifestFeature[] = [];
  const columns: Float64Array[] = [];
  const summary: TextFitSummary[] = [];
  for (const { name } of manifest.text ?? []) {
    const reader = await conn.runAndReadAll(
      `SELECT ${quoteIdent(name)} FROM ${relation} ORDER BY file_row_number`,
    );
    const documents = reader.getColumnsJS()[0].map((v) => (v === null ? null : String(v)));
    const training = documents.filter((_, i) => isTest[i] === 0);
    const vocabulary = fitTfidf(training, options);
    if (vocabulary.terms.length === 0) {
      throw new RangeError(
        `Cannot fit the text features of column "${name}": no word or word pair occurs in at least ` +
          `${options.minDocumentFrequency} of the ${training.length} training rows ` +
          `(features.text.min_document_frequency ${options.minDocumentFrequency})`,
      );
    }
    const transform = new TfidfTransform(vocabulary);
    const width = transform.width;
    const block = new Float64Array(documents.length * width);
    const positions = Int32Array.from({ length: width }, (_, k) => k);
    documents.forEach((text, i) => transform.into(text, block, positions, i * width));
    for (let k = 0; k < width; k++) {
      columns.push(Float64Array.from({ length: documents.length }, (_, i) => block[i * width + k]));
    }
    const named = textFeatures(name, vocabulary);
    const taken = new Set([...manifest.features, ...features].map((f) => f.name));
    const clash = named.find((f) => taken.has(f.name));
    if (clash !== undefined) {
      throw new RangeError(
        `Cannot fit the text features of column "${name}": feature "${clash.name}" would clash with a column of that name`,
      );
    }
    features.push(...named);
    summary.push({ column: name, trainingRows: training.length, terms: width });
  }
  return { features, columns, summary };
}

/** Writes the features into the temp table {@link TEXT_FEATURE_TABLE} (`r` = store row). */
export async function writeTextFeatureTable(
  conn: DuckDBConnection,
  split: TextSplit,
): Promise<void> {
  const defs = split.features.map((f) => `${quoteIdent(f.name)} DOUBLE`);
  await conn.run(`CREATE TEMP TABLE ${TEXT_FEATURE_TABLE} (r BIGINT, ${defs.join(", ")})`);
  const appender = await conn.createAppender(TEXT_FEATURE_TABLE);
  const rows = split.columns[0]?.length ?? 0;
  for (let i = 0; i < rows; i++) {
    appender.appendBigInt(BigInt(i));
    for (const column of split.columns) appender.appendDouble(column[i]);
    appender.endRow();
  }
  appender.closeSync();
}
