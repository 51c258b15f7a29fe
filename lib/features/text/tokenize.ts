/**
 * The tokenizer of free-text columns, the same as scikit-learn's default: lowercase, then
 * tokens are the maximal runs of two or more letters, digits or underscores (its
 * `token_pattern` `(?u)\b\w\w+\b`, where Python's `\w` is a letter, a digit or `_`);
 * every other character separates tokens and one-character tokens are dropped. The
 * terms of a text are its tokens followed by each pair of neighbouring tokens joined by a
 * space (`ngram_range=(1, 2)`).
 */

const TOKEN = /[\p{L}\p{N}_]{2,}/gu;

/**
 * The tokens of `text`, in order.
 * @example
 * ```ts
 * import { tokenize } from "./tokenize.ts";
 * tokenize("Late payment, 2nd time!"); // ["late", "payment", "2nd", "time"]
 * ```
 */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

/**
 * The unigram and bigram terms of `text`, unigrams first, each occurrence once.
 * @example
 * ```ts
 * import { termsOf } from "./tokenize.ts";
 * termsOf("late payment again"); // ["late", "payment", "again", "late payment", "payment again"]
 * ```
 */
export function termsOf(text: string): string[] {
  const tokens = tokenize(text);
  const terms = [...tokens];
  for (let i = 1; i < tokens.length; i++) terms.push(`${tokens[i - 1]} ${tokens[i]}`);
  return terms;
}
