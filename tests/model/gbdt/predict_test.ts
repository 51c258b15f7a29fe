import assert from "node:assert/strict";
import {
  predictMargin,
  predictProba,
  predictRowMargin,
  sigmoid,
} from "../../../lib/model/gbdt/predict.ts";
import type { GbdtModel } from "../../../lib/model/types.ts";

// Root: x0 < 0.5 (missing left); its right child: x1 < 2 (missing right).
const model: GbdtModel = {
  format: "riskpipe.gbdt",
  formatVersion: 1,
  objective: "binary:logistic",
  baseMargin: -1,
  features: [{ name: "a", type: "numeric" }, { name: "b", type: "numeric" }],
  trees: [{
    feature: [0, -1, 1, -1, -1],
    threshold: [0.5, 0, 2, 0, 0],
    defaultLeft: [true, false, false, false, false],
    left: [1, -1, 3, -1, -1],
    right: [2, -1, 4, -1, -1],
    value: [0, 0.25, 0, 0.5, 1],
    cover: [3, 1, 2, 1, 1],
    gain: [1, 0, 1, 0, 0],
  }, {
    feature: [1, -1, -1],
    threshold: [Math.fround(0.1), 0, 0],
    defaultLeft: [false, false, false],
    left: [1, -1, -1],
    right: [2, -1, -1],
    value: [0, -0.125, 0.125],
    cover: [3, 1, 2],
    gain: [1, 0, 0],
  }],
  params: {},
};

const rows = [[0, 5], [NaN, 0], [1, 1], [1, NaN], [0.5, 3]];
const expected = [
  -1 + 0.25 + 0.125,
  -1 + 0.25 - 0.125,
  -1 + 0.5 + 0.125,
  -1 + 1 + 0.125,
  -1 + 1 + 0.125,
];

Deno.test("rows follow thresholds and default directions to the expected leaves", () => {
  assert.deepEqual(rows.map((r) => predictRowMargin(model, r)), expected);
});

Deno.test("column-wise margins and probabilities match the row predictor", () => {
  const data = {
    features: model.features,
    columns: [0, 1].map((j) => Float64Array.from(rows, (r) => r[j])),
    rows: rows.length,
  };
  assert.deepEqual([...predictMargin(model, data)], expected);
  assert.deepEqual([...predictProba(model, data)], expected.map(sigmoid));
});

Deno.test("thresholds compare against the float32 value of x", () => {
  // 0.1 as float32 is 0.100000001490116…, so the float64 0.1000000001 rounds onto it and goes right.
  assert.equal(predictRowMargin(model, [0, 0.1000000001]), -1 + 0.25 + 0.125);
  assert.equal(predictRowMargin(model, [0, 0.09]), -1 + 0.25 - 0.125);
});

Deno.test("a row of the wrong width is refused", () => {
  assert.throws(() => predictRowMargin(model, [1]), /got 1 features, the model has 2/);
});

Deno.test("batch margins over several row blocks equal the row predictor's exactly", () => {
  const count = 600;
  const columns = [0, 1].map((j) =>
    Float64Array.from(
      { length: count },
      (_, i) => (i % 7 === j ? NaN : ((i * (j + 3)) % 11) / 4 - 0.5),
    )
  );
  const data = { features: model.features, columns, rows: count };
  const margins = predictMargin(model, data);
  for (let i = 0; i < count; i++) {
    assert.equal(margins[i], predictRowMargin(model, [columns[0][i], columns[1][i]]));
  }
});
