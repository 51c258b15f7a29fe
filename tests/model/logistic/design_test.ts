import assert from "node:assert/strict";
import { buildDesign } from "../../../lib/model/logistic/mod.ts";
import { medianOfObserved } from "../../../lib/model/logistic/design.ts";
import { createRng } from "../../../lib/random/mod.ts";
import { tinyDataset } from "./fixtures.ts";

Deno.test("numeric features are imputed with the median of observed values", () => {
  // Observed x1 sorted: 0.5 1 1.5 2 2.5 3 4 5.5 6 7 → median (2.5 + 3) / 2.
  const [x1] = buildDesign(tinyDataset());
  assert.equal(x1.kind === "numeric" && x1.impute, 2.75);
});

Deno.test("numeric features are standardised by the mean and population scale after imputing", () => {
  const [, flag] = buildDesign(tinyDataset());
  // Six ones in twelve rows: median 0.5, mean 0.5, population standard deviation 0.5.
  assert.deepEqual(flag, { kind: "numeric", feature: 1, impute: 0.5, mean: 0.5, scale: 0.5 });
});

Deno.test("a categorical feature gets one indicator per level, in code order", () => {
  const design = buildDesign(tinyDataset());
  assert.deepEqual(design.slice(2), [
    { kind: "level", feature: 2, code: 0 },
    { kind: "level", feature: 2, code: 1 },
    { kind: "level", feature: 2, code: 2 },
  ]);
});

Deno.test("a constant numeric feature keeps scale 1", () => {
  const data = tinyDataset();
  data.columns[0].fill(3);
  const [x1] = buildDesign(data);
  assert.deepEqual(x1, { kind: "numeric", feature: 0, impute: 3, mean: 3, scale: 1 });
});

Deno.test("a categorical feature without levels is refused by name", () => {
  const data = tinyDataset();
  data.features[2] = { name: "grade", type: "categorical" };
  assert.throws(() => buildDesign(data), {
    message: 'Cannot build logistic design: categorical feature "grade" has no levels',
  });
});

Deno.test("the median by selection equals the sorted median, ties and missing values included", () => {
  const rng = createRng(7);
  for (let trial = 0; trial < 200; trial++) {
    const length = rng.int(1, 60);
    const values = Float64Array.from(
      { length },
      () => rng.bernoulli(0.2) ? NaN : rng.bernoulli(0.3) ? rng.int(0, 3) : rng.normal(),
    );
    const sorted = values.filter((x) => !Number.isNaN(x)).sort();
    const middle = sorted.length >> 1;
    const expected = sorted.length === 0
      ? undefined
      : sorted.length % 2 === 1
      ? sorted[middle]
      : (sorted[middle - 1] + sorted[middle]) / 2;
    assert.equal(medianOfObserved(values), expected, `trial ${trial}: ${values.join(", ")}`);
  }
});
