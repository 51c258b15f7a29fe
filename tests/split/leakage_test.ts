import assert from "node:assert/strict";
import {
  levelRateScores,
  missingnessAuc,
  screenFeature,
  separationAuc,
} from "../../lib/split/leakage.ts";
import { rocAuc } from "../../lib/model/metrics/roc.ts";
import { createRng } from "../../lib/random/mod.ts";
import type { ManifestFeature } from "../../lib/features/manifest/mod.ts";

Deno.test("separation AUC counts ties as half and skips NaN rows", () => {
  // Positives 2, 3 against negatives 1, 2: pairs (2>1), (2=2 half), (3>1), (3>2) = 3.5 / 4.
  const result = separationAuc(Float64Array.of(2, 3, 1, 2, NaN), Float64Array.of(1, 1, 0, 0, 1));
  assert.deepEqual(result, { auc: 0.875, positives: 2, negatives: 2 });
});

Deno.test("separation AUC equals the metrics module's ROC AUC on tied random data", () => {
  const rng = createRng(9);
  const values = Float64Array.from({ length: 2000 }, () => rng.int(0, 50));
  const labels = Float64Array.from(values, (v) => (rng.float() < v / 100 ? 1 : 0));
  assert.equal(separationAuc(values, labels)!.auc, rocAuc(values, labels));
});

Deno.test("separation AUC is null when a class has no non-missing row", () => {
  assert.equal(separationAuc(Float64Array.of(1, NaN), Float64Array.of(0, 1)), null);
});

Deno.test("each categorical row is scored by its level's positive rate", () => {
  const scores = levelRateScores(
    Float64Array.of(0, 0, 1, NaN, 1, 1),
    Float64Array.of(1, 0, 1, 1, 0, 0),
  );
  assert.deepEqual([...scores], [0.5, 0.5, 1 / 3, NaN, 1 / 3, 1 / 3]);
});

const categorical: ManifestFeature = {
  name: "city",
  type: "categorical",
  levels: ["a", "b", "c"],
  source: "test",
  description: "City.",
};

Deno.test("a categorical whose every level holds one class scores full strength", () => {
  const labels = Float64Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const codes = Float64Array.from(labels, (y, i) => (y === 1 ? 0 : 1 + (i % 2)));
  assert.deepEqual(screenFeature(categorical, codes, labels), {
    feature: "city",
    kind: "levels",
    strength: 1,
  });
});

Deno.test("a feature with too few rows of a class is not screened", () => {
  const labels = Float64Array.from({ length: 30 }, (_, i) => (i < 5 ? 1 : 0));
  const values = Float64Array.from(labels, (_, i) => i);
  const numeric: ManifestFeature = {
    name: "x",
    type: "numeric",
    source: "test",
    description: "X.",
  };
  assert.equal(screenFeature(numeric, values, labels), null);
});

Deno.test("the missingness AUC by counting equals the AUC of the sorted indicator", () => {
  const rng = createRng(4);
  const labels = Float64Array.from({ length: 500 }, () => (rng.bernoulli(0.3) ? 1 : 0));
  const values = Float64Array.from(labels, (y) => (rng.bernoulli(y === 1 ? 0.6 : 0.2) ? NaN : 1));
  const indicator = Float64Array.from(values, (v) => (Number.isNaN(v) ? 1 : 0));
  assert.deepEqual(missingnessAuc(values, labels), separationAuc(indicator, labels));
});
