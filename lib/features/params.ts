/** The `features` section of the params: how free-text columns become TF-IDF features. */
import { z } from "zod";

/** params.features.text: the vocabulary of each free-text column, fitted on the train part. */
export const TextFeatureParams = z.strictObject({
  /** Most terms (words and word pairs) kept per column: the most frequent ones. */
  max_vocabulary: z.number().int().min(1).max(10000).default(200),
  /** Fewest training rows a term must occur in to be kept. */
  min_document_frequency: z.number().int().min(1).default(2),
});

/** params.features */
export const FeaturesParams = z.strictObject({
  text: TextFeatureParams.prefault({}),
});
export type FeaturesParams = z.infer<typeof FeaturesParams>;
