import assert from "node:assert/strict";
import { fitTfidf, termsOf, TfidfTransform, tokenize } from "../../../lib/features/text/mod.ts";

Deno.test("tokens are lowercase runs of two or more letters, digits or underscores", () => {
  assertTokens("Late payment, 2nd time! a I x_y é-Ü", ["late", "payment", "2nd", "time", "x_y"]);
  assertTokens("Ünïcode naïve café", ["ünïcode", "naïve", "café"]);
  assertTokens("", []);
});

Deno.test("terms are the unigrams then the bigrams of neighbouring tokens", () => {
  assert.deepEqual(termsOf("Late payment again"), [
    "late",
    "payment",
    "again",
    "late payment",
    "payment again",
  ]);
});

Deno.test("the vocabulary keeps terms by document frequency, then the most frequent", () => {
  const docs = ["car loan car", "car repair", "home loan", null];
  const all = fitTfidf(docs, { maxVocabulary: 100, minDocumentFrequency: 2 });
  assert.deepEqual(all.terms, ["car", "loan"]);
  assert.equal(all.documents, 4);
  // idf = ln((1 + n) / (1 + df)) + 1 with n = 4 documents (the missing one counts), df = 2.
  assert.deepEqual(all.idf, [Math.log(5 / 3) + 1, Math.log(5 / 3) + 1]);
  // car occurs 3 times, loan twice: a cap of one keeps car.
  assert.deepEqual(fitTfidf(docs, { maxVocabulary: 1, minDocumentFrequency: 1 }).terms, ["car"]);
});

Deno.test("a row is count × idf divided by its l2 norm, zeros elsewhere", () => {
  const transform = new TfidfTransform({ terms: ["car", "loan", "zoo"], idf: [1.5, 2, 3] });
  const out = new Float64Array(5).fill(NaN);
  transform.into("car loan car", out, Int32Array.from([4, 0, 2]));
  const norm = Math.sqrt(3 * 3 + 2 * 2);
  assert.deepEqual([...out], [2 / norm, NaN, 0, NaN, 3 / norm]);
  transform.into(null, out, Int32Array.from([4, 0, 2]));
  assert.deepEqual([...out], [0, NaN, 0, NaN, 0]);
  transform.into("nothing known", out, Int32Array.from([4, 0, 2]));
  assert.deepEqual([...out], [0, NaN, 0, NaN, 0]);
});

function assertTokens(text: string, expected: string[]) {
  assert.deepEqual(tokenize(text), expected, JSON.stringify(text));
}
