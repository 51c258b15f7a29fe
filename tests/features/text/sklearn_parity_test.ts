import assert from "node:assert/strict";
import { fitTfidf, termsOf, TfidfTransform } from "../../../lib/features/text/mod.ts";
import { ignoreWithoutPython, runPython } from "../../python_oracle.ts";

const TRAIN = [
  "Late payment on the car loan",
  "late payment again, car repossessed",
  "Small business expansion: new café equipment",
  "Debt consolidation of two credit cards",
  "credit card debt consolidation",
  "",
  "Home improvement — new roof and windows",
  "Car loan refinance after late payment",
  "business loan for a bakery; new ovens",
  "Medical bills after an accident",
  "debt consolidation, late fees on credit card",
  "Wedding expenses",
];
const TEST = ["LATE PAYMENT on credit card", "unknown words only", "", "car car car loan"];

const SCRIPT = `
import json, sys
from sklearn.feature_extraction.text import TfidfVectorizer
spec = json.loads(sys.argv[1])
v = TfidfVectorizer(ngram_range=(1, 2), min_df=spec["min_df"], max_features=spec["max_features"])
train = v.fit_transform(spec["train"]).toarray().tolist()
test = v.transform(spec["test"]).toarray().tolist()
print(json.dumps({"terms": v.get_feature_names_out().tolist(), "idf": v.idf_.tolist(),
                  "train": train, "test": test}))
`;

interface Oracle {
  terms: string[];
  idf: number[];
  train: number[][];
  test: number[][];
}

for (const [minDf, cap] of [[1, null], [2, null], [2, 10], [1, 1]] as const) {
  const name =
    `TF-IDF matches scikit-learn's TfidfVectorizer(ngram_range=(1, 2), min_df=${minDf}, ` +
    `max_features=${cap}) to 1e-12`;
  Deno.test({
    name,
    ignore: await ignoreWithoutPython(name, ["sklearn"]),
    fn: async () => {
      if (cap !== null) assertNoTieAtCutoff(minDf, cap);
      const oracle: Oracle = JSON.parse(
        await runPython(SCRIPT, [
          JSON.stringify({ min_df: minDf, max_features: cap, train: TRAIN, test: TEST }),
        ]),
      );
      const vocabulary = fitTfidf(TRAIN, {
        minDocumentFrequency: minDf,
        maxVocabulary: cap ?? Infinity,
      });
      assert.deepEqual(vocabulary.terms, oracle.terms);
      vocabulary.idf.forEach((idf, k) =>
        assertClose(idf, oracle.idf[k], `idf of ${oracle.terms[k]}`)
      );
      const transform = new TfidfTransform(vocabulary);
      const positions = Int32Array.from(vocabulary.terms, (_, k) => k);
      for (const [part, docs] of [["train", TRAIN], ["test", TEST]] as const) {
        docs.forEach((doc, i) => {
          const row = new Float64Array(transform.width);
          transform.into(doc, row, positions);
          row.forEach((w, k) =>
            assertClose(w, oracle[part][i][k], `${part} row ${i}, ${oracle.terms[k]}`)
          );
        });
      }
    },
  });
}

/** scikit-learn breaks ties at the max_features cutoff arbitrarily (an unstable argsort). */
function assertNoTieAtCutoff(minDf: number, cap: number) {
  const count = new Map<string, number>();
  const df = new Map<string, number>();
  for (const doc of TRAIN) {
    const terms = termsOf(doc);
    for (const t of terms) count.set(t, (count.get(t) ?? 0) + 1);
    for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const counts = [...count].filter(([t]) => df.get(t)! >= minDf).map(([, c]) => c)
    .sort((a, b) => b - a);
  assert.ok(
    counts.length > cap && counts[cap - 1] !== counts[cap],
    "the fixture has a tie at the cutoff",
  );
}

function assertClose(actual: number, expected: number, what: string) {
  assert.ok(Math.abs(actual - expected) <= 1e-12, `${what}: ${actual} vs scikit-learn ${expected}`);
}
