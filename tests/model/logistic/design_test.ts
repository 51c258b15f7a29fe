import assert from "node:assert/strict";
import { buildDesign } from "../../../lib/model/logistic/mod.ts";
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
