/**
 * The logistic regression of the scorecard, on WOE values given as one bin index per
 * row and feature (Uint8Array columns) and a WOE table per feature, so no n × m float
 * matrix is built. Objective Σᵢ logloss(yᵢ, σ(b + Σⱼ wⱼ·WOEⱼ(binᵢⱼ))) + (l2 / 2)·‖w‖²,
 * as lib/model/logistic. Newton's method with a backtracking line search: the gradient
 * is exact (a sum of residuals per bin), the Hessian is summed over an evenly spaced
 * sample of at most HESSIAN_SAMPLE_ROWS rows and scaled up, so each step costs a few
 * passes over the bins; the fit still converges to the exact optimum, and below that
 * many rows it is plain Newton.
 */
import { choleskyFactor, choleskySolve } from "../logistic/cholesky.ts";
import { createHessianAccumulator, HESSIAN_BLOCK } from "../logistic/hessian.ts";

/** Rows the Newton Hessian is summed over. */
export const HESSIAN_SAMPLE_ROWS = 16_384;

/** The design: bins per row for each model feature, and WOE per bin. */
export interface WoeDesign {
  bins: Uint8Array[];
  woe: Float64Array[];
  rows: number;
}

/** Fit settings. */
export interface WoeFitOptions {
  l2: number;
  maxIter: number;
  tol: number;
}

/** Coefficients per design feature, the intercept, and how the fit went. */
export interface WoeFit {
  coefficients: number[];
  intercept: number;
  iterations: number;
  gradientNorm: number;
}

/** Fits the logistic model on `design` against 0/1 `labels` (both classes present). */
export function fitWoeLogistic(design: WoeDesign, labels: Float64Array, options: WoeFitOptions) {
  const m = design.bins.length;
  const beta = new Float64Array(m + 1);
  let positives = 0;
  for (let i = 0; i < design.rows; i++) positives += labels[i];
  const prevalence = positives / design.rows;
  beta[m] = Math.log(prevalence / (1 - prevalence));
  let state = evaluate(design, labels, beta, options.l2);
  for (let iteration = 0; iteration < options.maxIter; iteration++) {
    const gradient = gradientAt(design, labels, beta, state.margin, options.l2);
    const gradientNorm = maxAbs(gradient) / design.rows;
    if (gradientNorm <= options.tol) {
      const fit: WoeFit = {
        coefficients: Array.from(beta.subarray(0, m)),
        intercept: beta[m],
        iterations: iteration,
        gradientNorm,
      };
      return fit;
    }
    const hessian = sampledHessian(design, state.margin, options.l2);
    choleskyFactor(hessian, m + 1);
    const step = choleskySolve(hessian, m + 1, gradient);
    let slope = 0;
    for (let j = 0; j <= m; j++) slope -= gradient[j] * step[j];
    const trial = new Float64Array(m + 1);
    // Once the predicted decrease is below the loss's rounding noise, the Armijo test
    // cannot tell, and the full step (Newton's local rate) is taken.
    const belowNoise = -slope < 1e-12 * state.loss;
    let t = 1;
    for (let halving = 0; halving < 40; halving++) {
      for (let j = 0; j <= m; j++) trial[j] = beta[j] - t * step[j];
      const next = evaluate(design, labels, trial, options.l2);
      if (belowNoise || next.loss <= state.loss + 1e-4 * t * slope || halving === 39) {
        state = next;
        break;
      }
      t /= 2;
    }
    beta.set(trial);
  }
  throw new RangeError(
    `Cannot fit scorecard: Newton did not converge in ${options.maxIter} iterations`,
  );
}

/** Margins of every row and the penalised loss at `beta`. */
function evaluate(design: WoeDesign, labels: Float64Array, beta: Float64Array, l2: number) {
  const m = design.bins.length;
  const margin = new Float64Array(design.rows).fill(beta[m]);
  for (let j = 0; j < m; j++) {
    const table = design.woe[j].map((w) => beta[j] * w);
    const bins = design.bins[j];
    for (let i = 0; i < design.rows; i++) margin[i] += table[bins[i]];
  }
  let loss = 0;
  for (let i = 0; i < design.rows; i++) {
    const z = margin[i];
    loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - labels[i] * z;
  }
  for (let j = 0; j < m; j++) loss += (l2 / 2) * beta[j] * beta[j];
  return { margin, loss };
}

/** Gradient of the penalised loss: residuals summed per bin, then weighted by WOE. */
function gradientAt(
  design: WoeDesign,
  labels: Float64Array,
  beta: Float64Array,
  margin: Float64Array,
  l2: number,
): Float64Array {
  const m = design.bins.length;
  const residual = new Float64Array(design.rows);
  let total = 0;
  for (let i = 0; i < design.rows; i++) {
    residual[i] = 1 / (1 + Math.exp(-margin[i])) - labels[i];
    total += residual[i];
  }
  const gradient = new Float64Array(m + 1);
  gradient[m] = total;
  const perBin = new Float64Array(256);
  for (let j = 0; j < m; j++) {
    perBin.fill(0);
    const bins = design.bins[j];
    for (let i = 0; i < design.rows; i++) perBin[bins[i]] += residual[i];
    const woe = design.woe[j];
    let sum = 0;
    for (let b = 0; b < woe.length; b++) sum += woe[b] * perBin[b];
    gradient[j] = sum + l2 * beta[j];
  }
  return gradient;
}

/** XᵀWX (lower triangle) over the sample rows, scaled to all rows, plus the L2 diagonal. */
function sampledHessian(design: WoeDesign, margin: Float64Array, l2: number): Float64Array {
  const m = design.bins.length;
  const width = m + 1;
  const stride = Math.max(1, Math.ceil(design.rows / HESSIAN_SAMPLE_ROWS));
  const hessian = new Float64Array(width * width);
  const accumulator = createHessianAccumulator(width);
  const index = Uint32Array.from({ length: width }, (_, j) => j);
  const value = new Float64Array(width);
  let size = 0;
  let sampled = 0;
  for (let i = 0; i < design.rows; i += stride) {
    const p = 1 / (1 + Math.exp(-margin[i]));
    for (let j = 0; j < m; j++) value[j] = design.woe[j][design.bins[j][i]];
    value[m] = 1;
    accumulator.addRow(size++, index, value, width, Math.sqrt(p * (1 - p)));
    sampled++;
    if (size === HESSIAN_BLOCK) {
      accumulator.flush(size, hessian);
      size = 0;
    }
  }
  if (size > 0) accumulator.flush(size, hessian);
  const scale = design.rows / sampled;
  for (let k = 0; k < hessian.length; k++) hessian[k] *= scale;
  for (let j = 0; j < m; j++) hessian[j * width + j] += l2;
  return hessian;
}

function maxAbs(values: Float64Array): number {
  let max = 0;
  for (const v of values) max = Math.max(max, Math.abs(v));
  return max;
}
