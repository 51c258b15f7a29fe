import assert from "node:assert/strict";
import {
  chartSample,
  fitSketch,
  sketchFromJson,
  sketchReference,
  sketchToJson,
} from "../../../lib/drift/sketch/mod.ts";
import type { ManifestFeature } from "../../../lib/features/manifest/mod.ts";
import { summariseNumeric } from "../../../lib/drift/stats/mod.ts";

const features: ManifestFeature[] = [
  { name: "amount", type: "numeric", source: "application_train", description: "amount" },
  { name: "flag", type: "boolean", source: "application_train", description: "flag" },
  {
    name: "kind",
    type: "categorical",
    source: "application_train",
    description: "kind",
    levels: ["a", "b", "c"],
  },
];
const reference = { path: "data/split/train.parquet", sha256: "ab".repeat(32) };

function columns(n: number): Float64Array[] {
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return [
    Float64Array.from({ length: n }, (_, i) => i % 17 === 0 ? NaN : next() * 1e5 - 3e4),
    Float64Array.from({ length: n }, (_, i) => i % 11 === 0 ? NaN : i % 2),
    Float64Array.from({ length: n }, (_, i) => i % 7 === 0 ? NaN : i % 3),
  ];
}

Deno.test("a sketch survives its JSON file exactly", () => {
  const sketch = sketchReference({
    features,
    columns: columns(5000),
    scores: Float64Array.from({ length: 5000 }, (_, i) => 1 / (1 + Math.exp(-(i % 97) / 13))),
    reference,
    bins: 10,
    points: 256,
  });
  const back = sketchFromJson(sketchToJson(sketch), "reference_sketch.json");
  assert.deepEqual(back, sketch);
  const amount = back.features[0].summary;
  assert.equal(amount.kind, "numeric");
  if (amount.kind === "numeric") assert.ok(amount.ksBound > 0 && amount.cdfValues.length <= 256);
  assert.equal(back.reference.rows, 5000);
});

Deno.test("a malformed sketch file is refused naming the file", () => {
  assert.throws(() => sketchFromJson('{"formatVersion":2}', "v0003/reference_sketch.json"), {
    name: "SyntaxError",
    message: /^Cannot read v0003\/reference_sketch\.json: /,
  });
  assert.throws(() => sketchFromJson("{", "v0003/reference_sketch.json"), {
    name: "SyntaxError",
    message: /^Cannot read v0003\/reference_sketch\.json: /,
  });
});

Deno.test("a sketch fits only the same file, features, levels and bins", () => {
  const sketch = sketchReference({ features, columns: columns(200), reference, bins: 10 });
  const run = { features, bins: 10, sha256: reference.sha256 };
  assert.equal(fitSketch(sketch, run).fits, true);
  // The file is not there to hash: the sketch is all there is.
  assert.equal(fitSketch(sketch, { features, bins: 10 }).fits, true);
  const reasons = [
    fitSketch(sketch, { ...run, sha256: "cd".repeat(32) }),
    fitSketch(sketch, { ...run, bins: 20 }),
    fitSketch(sketch, { ...run, features: features.slice(1) }),
    fitSketch(sketch, { ...run, features: [features[1], features[0], features[2]] }),
    fitSketch(sketch, {
      ...run,
      features: [features[0], { ...features[1], type: "numeric" }, features[2]],
    }),
    fitSketch(sketch, {
      ...run,
      features: [features[0], features[1], { ...features[2], levels: ["a", "b"] }],
    }),
  ].map((fit) => fit.fits ? "fits" : fit.reason);
  assert.deepEqual(reasons, [
    "the reference is not the file sketched (data/split/train.parquet)",
    "drift.bins is 20, the sketch was cut for 10",
    "the manifest has 2 features, the sketch 3",
    'feature 1 is "flag", the sketch\'s "amount"',
    '"flag" is numeric, the sketch\'s is boolean',
    `"kind" has levels [a, b], the sketch's [a, b, c]`,
  ]);
});

Deno.test("a chart sample follows the sketched CDF", () => {
  const values = Float64Array.from({ length: 1000 }, (_, i) => i);
  const sample = chartSample(summariseNumeric(values, 10, 100), 50);
  assert.equal(sample.length, 50);
  // Each drawn value is within one kept-point gap (10 values) of the true quantile.
  sample.forEach((v, q) => assert.ok(Math.abs(v - (q + 0.5) * 20) <= 10, `${q}: ${v}`));
  assert.equal(chartSample(summariseNumeric(Float64Array.of(NaN), 10), 50).length, 0);
});
