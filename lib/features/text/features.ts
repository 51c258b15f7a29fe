/**
 * The manifest features of a fitted free-text column: one numeric feature per term,
 * named `column:term` ("purpose:late payment") and described by the term, so reports and
 * explanations show the words rather than a column index.
 */
import type { ManifestFeature } from "../manifest/mod.ts";
import type { TfidfVocabulary } from "./vectorizer.ts";

/** Manifest `source` of a TF-IDF feature. */
export const TEXT_FEATURE_SOURCE = "text";

/**
 * The name of term `term`'s feature of column `column`.
 * @example
 * ```ts
 * import { textFeatureName } from "./features.ts";
 * textFeatureName("purpose", "late payment"); // "purpose:late payment"
 * ```
 */
export function textFeatureName(column: string, term: string): string {
  return `${column}:${term}`;
}

/** The features of `column`'s vocabulary, in its term order. */
export function textFeatures(column: string, vocabulary: TfidfVocabulary): ManifestFeature[] {
  return vocabulary.terms.map((term, k) => ({
    name: textFeatureName(column, term),
    type: "numeric",
    source: TEXT_FEATURE_SOURCE,
    description:
      `TF-IDF weight of "${term}" in column "${column}" (fitted on ${vocabulary.documents} training rows)`,
    text: { column, term, idf: vocabulary.idf[k] },
  }));
}
