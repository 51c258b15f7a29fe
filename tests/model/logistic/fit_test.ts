import assert from "node:assert/strict";
import { fitLogistic, predictLogisticProba } from "../../../lib/model/logistic/mod.ts";
import type { Dataset } from "../../../lib/model/types.ts";
import { createRng } from "../../../lib/random/mod.ts";
import { designRowsOf, tinyDataset } from "./fixtures.ts";

// From Debian's python3-sklearn 1.2.1, computed once on tinyDataset(): a ColumnTransformer
// of SimpleImputer(strategy="median") + StandardScaler on [x1, flag] and
// OneHotEncoder(categories=[[0, 1, 2]], handle_unknown="ignore") on grade, then
// LogisticRegression(C=2.0, solver="newton-cholesky", tol=1e-14, max_iter=100000).
const SKLEARN_COEFFICIENTS = [
  0.7886364354545938,
  0.9560072430264298,
  0.03272029642645953,
  -0.26281294342803485,
  0.7408165649412496,
];
const SKLEARN_INTERCEPT = -0.02992913043430864;
const SKLEARN_PROBABILITIES = [
  0.13627460150655907,
  0.5435001982813575,
  0.8147958587646875,
  0.34684137050109326,
  0.8306644905974527,
  0.25536195896983727,
  0.11416816366070578,
  0.8147958587646875,
  0.8572476694914096,
  0.2244764228190552,
  0.8999941133437965,
  0.16187929329935702,
];

function near(actual: number, expected: number, tolerance: number): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not ${expected}`);
}

Deno.test("the fit matches sklearn's LogisticRegression with C = 1 / l2", () => {
  const model = fitLogistic(tinyDataset(), { l2: 0.5 });
  assert.equal(model.coefficients.length, SKLEARN_COEFFICIENTS.length);
  model.coefficients.forEach((c, j) => near(c, SKLEARN_COEFFICIENTS[j], 1e-7));
  near(model.intercept, SKLEARN_INTERCEPT, 1e-7);
});

Deno.test("predicted probabilities match sklearn's on the training rows", () => {
  const data = tinyDataset();
  const probabilities = predictLogisticProba(fitLogistic(data, { l2: 0.5 }), data);
  probabilities.forEach((p, i) => near(p, SKLEARN_PROBABILITIES[i], 1e-8));
});

Deno.test("the penalised gradient vanishes at the fitted coefficients", () => {
  const rng = createRng(31);
  const rows = 400;
  const columns = [0, 1, 2].map(() => new Float64Array(rows));
  const label = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    columns[0][i] = rng.bernoulli(0.1) ? NaN : rng.normal() * 3 + 1;
    columns[1][i] = rng.int(0, 3);
    columns[2][i] = rng.normal();
    const margin = 0.8 * (Number.isNaN(columns[0][i]) ? 0 : columns[0][i]) - columns[2][i] +
      (columns[1][i] === 2 ? 1 : 0);
    label[i] = rng.bernoulli(1 / (1 + Math.exp(-margin))) ? 1 : 0;
  }
  const data: Dataset = {
    features: [
      { name: "a", type: "numeric" },
      { name: "b", type: "categorical", levels: ["w", "x", "y", "z"] },
      { name: "c", type: "numeric" },
    ],
    columns,
    rows,
    label,
  };
  const l2 = 2;
  const model = fitLogistic(data, { l2 });
  const beta = [...model.coefficients, model.intercept];
  const gradient = new Float64Array(beta.length);
  for (const { values, y } of designRowsOf(model, data)) {
    const margin = values.reduce((sum, x, j) => sum + x * beta[j], 0);
    const residual = 1 / (1 + Math.exp(-margin)) - y;
    values.forEach((x, j) => gradient[j] += residual * x);
  }
  model.coefficients.forEach((c, j) => gradient[j] += l2 * c);
  gradient.forEach((g) => near(g, 0, 1e-8));
});

Deno.test("the fit records its parameters, iterations and final gradient norm", () => {
  const model = fitLogistic(tinyDataset(), { l2: 0.5 });
  assert.equal(model.params.l2, 0.5);
  assert.equal(model.params.max_iter, 100);
  assert.equal(model.params.tol, 1e-8);
  assert.ok((model.params.gradientNorm as number) <= 1e-8);
  assert.ok((model.params.iterations as number) < 20);
});

Deno.test("the fit refuses a dataset without labels", () => {
  const { label: _, ...unlabelled } = tinyDataset();
  assert.throws(() => fitLogistic(unlabelled), {
    message: "Cannot fit logistic baseline: the dataset has no label",
  });
});

Deno.test("the fit reports when Newton runs out of iterations", () => {
  assert.throws(() => fitLogistic(tinyDataset(), { max_iter: 1 }), {
    message: "Cannot fit logistic baseline: Newton did not converge in 1 iterations",
  });
});

Deno.test("the fit refuses labels of a single class", () => {
  const data = tinyDataset();
  data.label!.fill(1);
  assert.throws(() => fitLogistic(data), {
    message: "Cannot fit logistic baseline: labels hold only positives",
  });
});
