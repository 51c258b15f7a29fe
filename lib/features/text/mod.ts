/**
 * Free-text columns as TF-IDF features: scikit-learn's tokenizer and smooth idf over
 * unigrams and bigrams, fitted on the training split only, computed by one transform in
 * the split and at request time.
 */
export { termsOf, tokenize } from "./tokenize.ts";
export { fitTfidf, type TfidfOptions, TfidfTransform, type TfidfVocabulary } from "./vectorizer.ts";
export { TEXT_FEATURE_SOURCE, textFeatureName, textFeatures } from "./features.ts";
export { compileTextFeatures, type TextFeatureWriter } from "./request.ts";
