/**
 * Fits the L2-regularised logistic baseline by Newton's method with a backtracking
 * line search, to a gradient-norm tolerance. The objective is
 * Σᵢ logloss(yᵢ, σ(xᵢ·w + b)) + (l2 / 2)·‖w‖², the intercept b unpenalised, so
 * `l2 = 1 / C` gives sklearn's `LogisticRegression(C)` solution on the same design.
 */
import type { Dataset, LogisticModel } from "../types.ts";
import { choleskyFactor, choleskySolve } from "./cholesky.ts";
import { buildDesign } from "./design.ts";
import { createHessianAccumulator, HESSIAN_BLOCK } from "./hessian.ts";
import { type DesignRows, designRows } from "./rows.ts";

/** Fitting parameters. */
export interface LogisticParams {
  /** L2 penalty on the coefficients (not the intercept); 1 / C in sklearn terms. */
  l2: number;
  /** Newton iterations allowed before giving up. */
  max_iter: number;
  /** Convergence when max |gradient| / rows ≤ tol. */
  tol: number;
}

const DEFAULTS: LogisticParams = { l2: 1, max_iter: 100, tol: 1e-8 };

/** Options of {@link fitLogistic} that are not model params. */
export interface FitLogisticOptions {
  /**
   * A model fitted on the same rows with another penalty: Newton starts from its
   * coefficients (a warm start along an L2 path), reaching the same optimum sooner.
   */
  start?: LogisticModel;
  /**
   * Keep the factored Hessian while the gradient keeps halving, refreshing it only when
   * progress slows (a chord method: each step costs one gradient pass instead of a
   * Hessian). From a warm start this reaches the same tolerance several times faster.
   */
  reuseHessian?: boolean;
}

/**
 * Fits the baseline on `train` (labels required).
 * @example
 * ```ts
 * import { fitLogistic } from "./fit.ts";
 * import { makeSyntheticDataset } from "../gbdt/synthetic.ts";
 * const baseline = fitLogistic(makeSyntheticDataset({ rows: 200, features: 3, seed: 1 }), { l2: 1 });
 * if (baseline.format !== "riskpipe.logistic") throw new Error(`got ${baseline.format}`);
 * ```
 */
export function fitLogistic(
  train: Dataset,
  params: Partial<LogisticParams> = {},
  fitOptions: FitLogisticOptions = {},
): LogisticModel {
  const options = { ...DEFAULTS, ...params };
  if (!(options.l2 >= 0)) {
    throw new RangeError(`Cannot fit logistic baseline: l2 is ${options.l2}, expected >= 0`);
  }
  const labels = checkedLabels(train);
  const design = buildDesign(train);
  const rows = designRows(train, design);
  const problem: Problem = { rows, labels, l2: options.l2, n: train.rows };
  const beta = new Float64Array(rows.width);
  const prevalence = labels.reduce((sum, y) => sum + y, 0) / train.rows;
  if (prevalence === 0 || prevalence === 1) {
    // The unpenalised intercept would run off to infinity.
    throw new RangeError(
      `Cannot fit logistic baseline: labels hold only ${
        prevalence === 0 ? "negatives" : "positives"
      }`,
    );
  }
  // Starting from the log-odds of the base rate saves an iteration or two.
  beta[rows.width - 1] = Math.log(prevalence / (1 - prevalence));
  const start = fitOptions.start;
  if (start !== undefined) {
    if (start.coefficients.length !== design.length) {
      throw new RangeError(
        `Cannot warm-start logistic baseline: the start has ${start.coefficients.length} coefficients, the design ${design.length}`,
      );
    }
    beta.set(start.coefficients);
    beta[rows.width - 1] = start.intercept;
  }
  let factor: Float64Array | undefined;
  let previousNorm = Infinity;
  let hessians = 0;
  for (let iteration = 0; iteration < options.max_iter; iteration++) {
    let { gradient, loss } = factor !== undefined && fitOptions.reuseHessian
      ? gradientAndLoss(problem, beta)
      : { gradient: undefined, loss: NaN };
    let gradientNorm = gradient === undefined ? Infinity : maxAbs(gradient) / train.rows;
    if (gradient === undefined || (gradientNorm > options.tol && gradientNorm > previousNorm / 2)) {
      const system = newtonSystem(problem, beta);
      ({ gradient, loss } = system);
      gradientNorm = maxAbs(gradient) / train.rows;
      choleskyFactor(system.hessian, rows.width);
      factor = system.hessian;
      hessians++;
    }
    if (gradientNorm <= options.tol) {
      return {
        format: "riskpipe.logistic",
        formatVersion: 1,
        features: train.features,
        design,
        coefficients: Array.from(beta.subarray(0, design.length)),
        intercept: beta[rows.width - 1],
        designMeans: designMeans(rows, train.rows, design.length),
        params: {
          ...options,
          iterations: iteration,
          gradientNorm,
          ...(fitOptions.reuseHessian ? { hessians } : {}),
        },
      };
    }
    previousNorm = gradientNorm;
    const step = choleskySolve(factor as Float64Array, rows.width, gradient);
    lineSearch(problem, beta, step, gradient, loss);
  }
  throw new RangeError(
    `Cannot fit logistic baseline: Newton did not converge in ${options.max_iter} iterations`,
  );
}

interface Problem {
  rows: DesignRows;
  labels: Float64Array;
  l2: number;
  n: number;
}

function checkedLabels(train: Dataset): Float64Array {
  const labels = train.label;
  if (!labels) throw new TypeError("Cannot fit logistic baseline: the dataset has no label");
  if (train.rows === 0) throw new RangeError("Cannot fit logistic baseline: the dataset is empty");
  for (let i = 0; i < train.rows; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) {
      throw new TypeError(
        `Cannot fit logistic baseline: label at row ${i} is ${labels[i]}, expected 0 or 1`,
      );
    }
  }
  return labels;
}

/** Penalised loss, its gradient and Hessian (lower triangle) at `beta`. */
function newtonSystem(problem: Problem, beta: Float64Array) {
  const { rows, labels, l2 } = problem;
  const m = rows.width;
  const gradient = new Float64Array(m);
  const hessian = new Float64Array(m * m);
  const index = new Uint32Array(rows.maxNonzeros);
  const value = new Float64Array(rows.maxNonzeros);
  const accumulator = createHessianAccumulator(m);
  let loss = 0;
  for (let first = 0; first < problem.n; first += HESSIAN_BLOCK) {
    const size = Math.min(HESSIAN_BLOCK, problem.n - first);
    for (let r = 0; r < size; r++) {
      const i = first + r;
      const count = rows.row(i, index, value);
      let margin = 0;
      for (let k = 0; k < count; k++) margin += beta[index[k]] * value[k];
      const p = 1 / (1 + Math.exp(-margin));
      loss += softplus(margin) - labels[i] * margin;
      const residual = p - labels[i];
      for (let k = 0; k < count; k++) gradient[index[k]] += residual * value[k];
      accumulator.addRow(r, index, value, count, Math.sqrt(p * (1 - p)));
    }
    accumulator.flush(size, hessian);
  }
  for (let j = 0; j < m - 1; j++) {
    loss += (l2 / 2) * beta[j] * beta[j];
    gradient[j] += l2 * beta[j];
    hessian[j * m + j] += l2;
  }
  return { gradient, hessian, loss };
}

/** Penalised loss and its gradient at `beta`: one pass over the rows, no Hessian. */
function gradientAndLoss(problem: Problem, beta: Float64Array) {
  const { rows, labels, l2 } = problem;
  const m = rows.width;
  const gradient = new Float64Array(m);
  const index = new Uint32Array(rows.maxNonzeros);
  const value = new Float64Array(rows.maxNonzeros);
  let loss = 0;
  for (let i = 0; i < problem.n; i++) {
    const count = rows.row(i, index, value);
    let margin = 0;
    for (let k = 0; k < count; k++) margin += beta[index[k]] * value[k];
    loss += softplus(margin) - labels[i] * margin;
    const residual = 1 / (1 + Math.exp(-margin)) - labels[i];
    for (let k = 0; k < count; k++) gradient[index[k]] += residual * value[k];
  }
  for (let j = 0; j < m - 1; j++) {
    loss += (l2 / 2) * beta[j] * beta[j];
    gradient[j] += l2 * beta[j];
  }
  return { gradient, loss };
}

function penalisedLoss(problem: Problem, beta: Float64Array): number {
  const { rows, labels, l2 } = problem;
  const index = new Uint32Array(rows.maxNonzeros);
  const value = new Float64Array(rows.maxNonzeros);
  let loss = 0;
  for (let i = 0; i < problem.n; i++) {
    const count = rows.row(i, index, value);
    let margin = 0;
    for (let k = 0; k < count; k++) margin += beta[index[k]] * value[k];
    loss += softplus(margin) - labels[i] * margin;
  }
  for (let j = 0; j < rows.width - 1; j++) loss += (l2 / 2) * beta[j] * beta[j];
  return loss;
}

/** Moves beta along −step, halving until the Armijo condition holds. */
function lineSearch(
  problem: Problem,
  beta: Float64Array,
  step: Float64Array,
  gradient: Float64Array,
  loss: number,
): void {
  let slope = 0;
  for (let j = 0; j < beta.length; j++) slope -= gradient[j] * step[j];
  const trial = new Float64Array(beta.length);
  let t = 1;
  for (let halving = 0; halving < 40; halving++) {
    for (let j = 0; j < beta.length; j++) trial[j] = beta[j] - t * step[j];
    if (penalisedLoss(problem, trial) <= loss + 1e-4 * t * slope) break;
    t /= 2;
  }
  beta.set(trial);
}

/** Mean of each design column over the rows (indicators give the level's share). */
function designMeans(rows: DesignRows, n: number, columns: number): number[] {
  const sums = new Float64Array(columns);
  const index = new Uint32Array(rows.maxNonzeros);
  const value = new Float64Array(rows.maxNonzeros);
  for (let i = 0; i < n; i++) {
    const count = rows.row(i, index, value);
    for (let k = 0; k < count; k++) if (index[k] < columns) sums[index[k]] += value[k];
  }
  return Array.from(sums, (sum) => sum / n);
}

function softplus(margin: number): number {
  return margin > 0 ? margin + Math.log1p(Math.exp(-margin)) : Math.log1p(Math.exp(margin));
}

function maxAbs(values: Float64Array): number {
  let max = 0;
  for (const v of values) max = Math.max(max, Math.abs(v));
  return max;
}
