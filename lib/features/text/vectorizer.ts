/**
 * TF-IDF over unigrams and bigrams, defined as scikit-learn's `TfidfVectorizer` with
 * `ngram_range=(1, 2)` and its defaults (raw counts, `smooth_idf`, l2-normalised rows):
 * a term's weight in a document is its count × idf, idf = ln((1 + n) / (1 + df)) + 1
 * over the n fitted documents, and each row is divided by its Euclidean norm. A missing
 * cell is the empty document (a row of zeros).
 */
import { termsOf } from "./tokenize.ts";

/** How a vocabulary is chosen (params `features.text`). */
export interface TfidfOptions {
  /** Most terms kept: the most frequent over the fitted documents (total count). */
  maxVocabulary: number;
  /** Fewest documents a term must occur in to be kept. */
  minDocumentFrequency: number;
}

/** A fitted vocabulary: terms in code-unit order and their idf. */
export interface TfidfVocabulary {
  terms: string[];
  idf: number[];
  /** Documents it was fitted on (the training rows). */
  documents: number;
}

/**
 * Fits the vocabulary on `documents` (null = missing): terms in at least
 * `minDocumentFrequency` documents, the `maxVocabulary` most frequent of those (ties by
 * more documents, then by term), listed in code-unit order.
 * @example
 * ```ts
 * import { fitTfidf } from "./vectorizer.ts";
 * fitTfidf(["late payment", "late again"], { maxVocabulary: 10, minDocumentFrequency: 2 }).terms; // ["late"]
 * ```
 */
export function fitTfidf(
  documents: readonly (string | null)[],
  options: TfidfOptions,
): TfidfVocabulary {
  const count = new Map<string, number>();
  const df = new Map<string, number>();
  for (const document of documents) {
    if (document === null) continue;
    const terms = termsOf(document);
    for (const term of terms) count.set(term, (count.get(term) ?? 0) + 1);
    for (const term of new Set(terms)) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const kept = [...df.keys()].filter((term) => df.get(term)! >= options.minDocumentFrequency)
    .sort((a, b) => count.get(b)! - count.get(a)! || df.get(b)! - df.get(a)! || byCode(a, b))
    .slice(0, options.maxVocabulary)
    .sort(byCode);
  const n = documents.length;
  return {
    terms: kept,
    idf: kept.map((term) => Math.log((1 + n) / (1 + df.get(term)!)) + 1),
    documents: n,
  };
}

/** Computes one document's TF-IDF row; build it once per vocabulary. */
export class TfidfTransform {
  readonly #index: Map<string, number>;
  readonly #idf: Float64Array;
  readonly #weights: Float64Array;
  readonly #touched: number[] = [];

  /** The transform of a fitted vocabulary (terms in code-unit order). */
  constructor(vocabulary: Pick<TfidfVocabulary, "terms" | "idf">) {
    this.#index = new Map(vocabulary.terms.map((term, k) => [term, k]));
    this.#idf = Float64Array.from(vocabulary.idf);
    this.#weights = new Float64Array(vocabulary.terms.length);
  }

  /** Number of terms (the row's width). */
  get width(): number {
    return this.#idf.length;
  }

  /**
   * Writes the row of `text` (anything but a string is the empty document): term k's
   * weight goes to `out[positions[k]]`, zero where the term does not occur.
   */
  into(text: unknown, out: Float64Array, positions: Int32Array, offset = 0): void {
    const weights = this.#weights;
    const touched = this.#touched;
    if (typeof text === "string") {
      for (const term of termsOf(text)) {
        const k = this.#index.get(term);
        if (k === undefined) continue;
        if (weights[k] === 0) touched.push(k);
        weights[k] += 1;
      }
    }
    // Summed in term order, as scikit-learn sums a sorted sparse row.
    touched.sort((a, b) => a - b);
    let squares = 0;
    for (const k of touched) {
      weights[k] *= this.#idf[k];
      squares += weights[k] * weights[k];
    }
    const norm = Math.sqrt(squares);
    for (let k = 0; k < positions.length; k++) out[offset + positions[k]] = 0;
    for (const k of touched) {
      out[offset + positions[k]] = weights[k] / norm;
      weights[k] = 0;
    }
    touched.length = 0;
  }
}
