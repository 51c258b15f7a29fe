/**
 * The feature manifest written beside feature_store.parquet (and the split's, with the
 * TF-IDF term features): what each column is, where it comes from, and how categoricals
 * are encoded. Reports, explanations, the trainer and the API schema all read it, through
 * {@link readManifest}.
 */
import { z } from "zod";
import { parseJsonFile } from "../../json/mod.ts";

// Keys are declared in the order the writers emit them: zod's output follows the schema's
// order, and a manifest read here and written again must keep its bytes.

/** What a TF-IDF feature weighs (see lib/features/text/). */
export const TextTerm = z.strictObject({
  /** The free-text column of the CSV. */
  column: z.string(),
  /** The word or word pair, lowercase ("late payment"). */
  term: z.string(),
  /** ln((1 + n) / (1 + df)) + 1 over the n training rows. */
  idf: z.number(),
});

/** What a TF-IDF feature weighs (see lib/features/text/). */
export type TextTerm = z.infer<typeof TextTerm>;

/** One engineered feature, as described in the manifest (a model's `FeatureSpec` and more). */
export const ManifestFeature = z.strictObject({
  name: z.string().min(1),
  /**
   * numeric: a float (NaN = missing). categorical: an integer code into `levels`
   * (NaN = missing or unknown level). boolean: 0/1 (NaN = missing).
   */
  type: z.enum(["numeric", "categorical", "boolean"]),
  /** Category levels; the code of a level is its index. Only for categorical. */
  levels: z.array(z.string()).optional(),
  /** Table the feature is derived from ("application_train", "bureau", …, or "csv"). */
  source: z.string(),
  /** One sentence a reviewer can read. */
  description: z.string(),
  /** A TF-IDF feature of a free-text column: the column, its term and the term's idf. */
  text: TextTerm.optional(),
});

/** One engineered feature, as described in the manifest. */
export type ManifestFeature = z.infer<typeof ManifestFeature>;

/**
 * A free-text column kept as raw text in the feature store (after the features): the
 * split fits its TF-IDF vocabulary on the training rows and replaces it by term features.
 */
export const TextColumn = z.strictObject({
  name: z.string().min(1),
  source: z.string(),
  description: z.string(),
});

/** A free-text column kept as raw text in the feature store. */
export type TextColumn = z.infer<typeof TextColumn>;

/** data/features/manifest.json (and data/split/manifest.json, a version's manifest.json). */
export const FeatureManifest = z.strictObject({
  formatVersion: z.literal(1),
  /** Entity id column (one row per id), e.g. "SK_ID_CURR". */
  key: z.string().min(1),
  /** Binary 0/1 target column, e.g. "TARGET". */
  target: z.string().min(1),
  /** Feature columns in feature-store order (key and target excluded). */
  features: z.array(ManifestFeature),
  /** Free-text columns, stored after the features; absent when there are none. */
  text: z.array(TextColumn).optional(),
});

/** The parsed feature manifest. */
export type FeatureManifest = z.infer<typeof FeatureManifest>;

/**
 * Reads a feature manifest, naming the file and every field that does not fit.
 * @example
 * ```ts
 * import { readManifest } from "./manifest.ts";
 * const path = await Deno.makeTempFile({ suffix: ".json" });
 * await Deno.writeTextFile(path, '{"formatVersion":1,"key":"ID","target":"y","features":[]}');
 * const manifest = await readManifest(path);
 * if (manifest.key !== "ID") throw new Error("expected key ID");
 * await Deno.remove(path);
 * ```
 */
export function readManifest(path: string): Promise<FeatureManifest> {
  return parseJsonFile(path, FeatureManifest, { what: "feature manifest" });
}
