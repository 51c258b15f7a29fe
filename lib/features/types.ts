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
}
