/**
 * The feature manifest written beside feature_store.parquet: what each column is, where
 * it comes from, and how categoricals are encoded. Reports, explanations, the trainer
 * and the API schema all read it.
 */
import type { FeatureSpec } from "../model/types.ts";

/** One engineered feature, as described in the manifest. */
export interface ManifestFeature extends FeatureSpec {
  /** Table the feature is derived from ("application_train", "bureau", …, or "csv"). */
  source: string;
  /** One sentence a reviewer can read. */
  description: string;
  /** A TF-IDF feature of a free-text column: the column, its term and the term's idf. */
  text?: TextTerm;
}

/** What a TF-IDF feature weighs (see lib/features/text/). */
export interface TextTerm {
  /** The free-text column of the CSV. */
  column: string;
  /** The word or word pair, lowercase ("late payment"). */
  term: string;
  /** ln((1 + n) / (1 + df)) + 1 over the n training rows. */
  idf: number;
}

/**
 * A free-text column kept as raw text in the feature store (after the features): the
 * split fits its TF-IDF vocabulary on the training rows and replaces it by term features.
 */
export interface TextColumn {
  name: string;
  source: string;
  description: string;
}

/** data/features/manifest.json */
export interface FeatureManifest {
  formatVersion: 1;
  /** Entity id column (one row per id), e.g. "SK_ID_CURR". */
  key: string;
  /** Binary 0/1 target column, e.g. "TARGET". */
  target: string;
  /** Feature columns in feature-store order (key and target excluded). */
  features: ManifestFeature[];
  /** Free-text columns, stored after the features; absent when there are none. */
  text?: TextColumn[];
}
