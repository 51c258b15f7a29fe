import assert from "node:assert/strict";
import {
  buildDesign,
  designValue,
  fitLogistic,
  startGramWorkers,
  stopGramWorkers,
} from "../../../lib/model/logistic/mod.ts";
import {
  createDesignMatrix,
  designGradient,
  designMargins,
} from "../../../lib/model/logistic/design_matrix.ts";
import { GRAM_BLOCK_ROWS } from "../../../lib/model/logistic/gram_share.ts";
import { weightedGram } from "../../../lib/model/logistic/weighted_gram.ts";
import { createRng } from "../../../lib/random/mod.ts";
import { referenceDataset } from "./reference_fixture.ts";

// More rows than one kernel block, and 15 dense columns (numeric plus the intercept): the
// last panel of four is padded.
const data = referenceDataset(GRAM_BLOCK_ROWS * 2 + 41, 5);
const design = buildDesign(data);
const matrix = createDesignMatrix(data, design);
const m = design.length + 1;

/** Row i's dense design vector, intercept last, through designValue. */
function denseRow(i: number): number[] {
  const values = data.columns.map((column) => column[i]);
  return [...design.map((column) => designValue(column, values)), 1];
}

Deno.test("the kernel's XᵀWX equals the naive sum over rows, numeric and one-hot columns", () => {
  const rng = createRng(3);
  const w = Float64Array.from({ length: data.rows }, () => rng.float());
  const naive = new Float64Array(m * m);
  for (let i = 0; i < data.rows; i++) {
    const x = denseRow(i);
    for (let a = 0; a < m; a++) {
      for (let b = 0; b <= a; b++) naive[a * m + b] += w[i] * x[a] * x[b];
    }
  }
  const kernel = new Float64Array(m * m);
  weightedGram(matrix, w, kernel);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b <= a; b++) {
      const gap = Math.abs(kernel[a * m + b] - naive[a * m + b]);
      assert.ok(gap <= 1e-9 * (1 + Math.abs(naive[a * m + b])), `entry (${a}, ${b}): ${gap}`);
    }
  }
  assert.ok(matrix.dense % 4 !== 0, "the fixture should pad the last panel");
});

Deno.test("margins and gradients over the matrix equal the naive row sums", () => {
  const rng = createRng(4);
  const beta = Float64Array.from({ length: m }, () => rng.normal());
  const residual = Float64Array.from({ length: data.rows }, () => rng.normal());
  const margins = new Float64Array(data.rows);
  designMargins(matrix, beta, margins);
  const gradient = new Float64Array(m);
  designGradient(matrix, residual, gradient);
  const naive = new Float64Array(m);
  for (let i = 0; i < data.rows; i++) {
    const x = denseRow(i);
    const margin = x.reduce((sum, v, j) => sum + v * beta[j], 0);
    assert.ok(Math.abs(margins[i] - margin) <= 1e-12, `row ${i}`);
    x.forEach((v, j) => naive[j] += v * residual[i]);
  }
  naive.forEach((g, j) => assert.ok(Math.abs(gradient[j] - g) <= 1e-10, `column ${j}`));
});

Deno.test("the Hessian and the fit are bit-identical with 0, 1 and 3 Gram workers", () => {
  const rng = createRng(6);
  const w = Float64Array.from({ length: data.rows }, () => rng.float());
  const results = [0, 1, 3].map((count) => {
    const workers = startGramWorkers(count);
    try {
      const hessian = new Float64Array(m * m);
      weightedGram(matrix, w, hessian, workers);
      const model = fitLogistic(data, { l2: 0.5 }, { gramWorkers: workers });
      return { hessian, coefficients: [...model.coefficients, model.intercept] };
    } finally {
      stopGramWorkers(workers);
    }
  });
  for (const result of results.slice(1)) {
    assert.deepEqual(result.hessian, results[0].hessian);
    assert.deepEqual(result.coefficients, results[0].coefficients);
  }
});

Deno.test("margin and gradient passes split across workers give the same fit", () => {
  // Enough rows for the passes to be split as well as the Gram.
  const large = referenceDataset(20_100, 8);
  const fits = [0, 2].map((count) => {
    const workers = startGramWorkers(count);
    try {
      const model = fitLogistic(large, { l2: 1 }, { gramWorkers: workers });
      return [...model.coefficients, model.intercept, model.params.iterations as number];
    } finally {
      stopGramWorkers(workers);
    }
  });
  assert.deepEqual(fits[1], fits[0]);
});
