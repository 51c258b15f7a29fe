/**
 * Fits the L2-regularised logistic baseline by Newton's method with a backtracking
 * line search, to a gradient-norm tolerance. The objective is
 * Σᵢ logloss(yᵢ, σ(xᵢ·w + b)) + (l2 / 2)·‖w‖², the intercept b unpenalised, so
 * `l2 = 1 / C` gives sklearn's `LogisticRegression(C)` solution on the same design.
 */
import type { Dataset, LogisticModel } from "../types.ts";
import { choleskyFactor, choleskySolve } from "./cholesky.ts";
import {
  buildDesignMatrix,
  designColumnMeans,
  designGradient,
  designMargins,
  type DesignMatrix,
} from "./design_matrix.ts";
import { weightedGram } from "./weighted_gram.ts";
import {
  defaultGramWorkerCount,
  type GramWorkers,
  startGramWorkers,
  stopGramWorkers,
} from "./gram_workers.ts";

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
  /** The design of these rows from {@link prepareLogisticDesign}, built once for many fits. */
  matrix?: DesignMatrix;
  /**
   * Threads that share each Hessian's Gram (startGramWorkers; the caller stops them).
   * Without them a large fit starts its own (defaultGramWorkerCount) and stops them after.
   * The coefficients are the same with any number.
   */
  gramWorkers?: GramWorkers;
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
  const ownWorkers = fitOptions.gramWorkers === undefined
    ? defaultGramWorkerCount(train.rows, denseColumnsOf(train))
    : 0;
  const workers = ownWorkers > 0 ? startGramWorkers(ownWorkers) : fitOptions.gramWorkers;
  try {
    return fitWith(train, labels, options, fitOptions, workers);
  } finally {
    if (ownWorkers > 0) stopGramWorkers(workers as GramWorkers);
  }
}

/** Dense design columns of `data`: every feature but the categoricals, and the intercept. */
function denseColumnsOf(data: Dataset): number {
  return data.features.filter((spec) => spec.type !== "categorical").length + 1;
}

function fitWith(
  train: Dataset,
  labels: Float64Array,
  options: LogisticParams,
  fitOptions: FitLogisticOptions,
  workers: GramWorkers | undefined,
): LogisticModel {
  const matrix = fitOptions.matrix ?? prepareLogisticDesign(train, workers);
  if (matrix.rows !== train.rows) {
    throw new RangeError(
      `Cannot fit logistic baseline: the prepared design has ${matrix.rows} rows, the data ${train.rows}`,
    );
  }
  const design = matrix.design;
  const m = matrix.width;
  const n = train.rows;
  const beta = new Float64Array(m);
  const prevalence = labels.reduce((sum, y) => sum + y, 0) / n;
  if (prevalence === 0 || prevalence === 1) {
    // The unpenalised intercept would run off to infinity.
    throw new RangeError(
      `Cannot fit logistic baseline: labels hold only ${
        prevalence === 0 ? "negatives" : "positives"
      }`,
    );
  }
  // Starting from the log-odds of the base rate saves an iteration or two.
  beta[m - 1] = Math.log(prevalence / (1 - prevalence));
  const start = fitOptions.start;
  if (start !== undefined) {
    if (start.coefficients.length !== design.length) {
      throw new RangeError(
        `Cannot warm-start logistic baseline: the start has ${start.coefficients.length} coefficients, the design ${design.length}`,
      );
    }
    beta.set(start.coefficients);
    beta[m - 1] = start.intercept;
  }
  const problem: Problem = {
    matrix,
    labels,
    l2: options.l2,
    margins: matrix.margins,
    residual: matrix.residual,
    weights: matrix.weights,
    workers,
  };
  return newton(train, problem, beta, options, fitOptions);
}

/** Newton's iterations from `beta` until the gradient norm is within tolerance. */
function newton(
  train: Dataset,
  problem: Problem,
  beta: Float64Array,
  options: LogisticParams,
  fitOptions: FitLogisticOptions,
): LogisticModel {
  const { matrix } = problem;
  const { design, width: m, rows: n } = matrix;
  designMargins(matrix, beta, problem.margins, problem.workers);
  let factor: Float64Array | undefined;
  let previousNorm = Infinity;
  let hessians = 0;
  for (let iteration = 0; iteration < options.max_iter; iteration++) {
    const { gradient, loss } = gradientAndLoss(problem, beta);
    const gradientNorm = maxAbs(gradient) / n;
    if (gradientNorm <= options.tol) {
      return {
        format: "riskpipe.logistic",
        formatVersion: 1,
        features: train.features,
        design,
        coefficients: Array.from(beta.subarray(0, design.length)),
        intercept: beta[m - 1],
        designMeans: designColumnMeans(matrix),
        params: {
          ...options,
          iterations: iteration,
          gradientNorm,
          ...(fitOptions.reuseHessian ? { hessians } : {}),
        },
      };
    }
    if (factor === undefined || !fitOptions.reuseHessian || gradientNorm > previousNorm / 2) {
      factor = penalisedHessian(problem);
      choleskyFactor(factor, m);
      hessians++;
    }
    previousNorm = gradientNorm;
    const step = choleskySolve(factor, m, gradient);
    lineSearch(problem, beta, step, gradient, loss);
  }
  throw new RangeError(
    `Cannot fit logistic baseline: Newton did not converge in ${options.max_iter} iterations`,
  );
}

/**
 * The design of `train` materialised for {@link fitLogistic} (its columns' stats shared
 * with `workers`, if any): pass it as `options.matrix` to fit the same rows with several
 * penalties without rebuilding it.
 */
export function prepareLogisticDesign(train: Dataset, workers?: GramWorkers): DesignMatrix {
  return buildDesignMatrix(train, workers);
}

interface Problem {
  matrix: DesignMatrix;
  labels: Float64Array;
  l2: number;
  /** x·beta of every row at the current beta (kept current by the line search). */
  margins: Float64Array;
  /** p − y and p·(1 − p) of every row, from the last gradient. */
  residual: Float64Array;
  weights: Float64Array;
  workers: GramWorkers | undefined;
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

/**
 * Penalised loss and its gradient at `beta` (whose margins the problem holds); leaves
 * each row's residual and Hessian weight in the problem.
 */
function gradientAndLoss(problem: Problem, beta: Float64Array) {
  const { matrix, labels, l2, margins, residual, weights } = problem;
  let loss = 0;
  for (let i = 0; i < matrix.rows; i++) {
    const margin = margins[i];
    const p = 1 / (1 + Math.exp(-margin));
    loss += softplus(margin) - labels[i] * margin;
    residual[i] = p - labels[i];
    weights[i] = p * (1 - p);
  }
  const gradient = new Float64Array(matrix.width);
  designGradient(matrix, residual, gradient, problem.workers);
  for (let j = 0; j < matrix.width - 1; j++) {
    loss += (l2 / 2) * beta[j] * beta[j];
    gradient[j] += l2 * beta[j];
  }
  return { gradient, loss };
}

/** The penalised Hessian (lower triangle) at the weights of the last gradient. */
function penalisedHessian(problem: Problem): Float64Array {
  const m = problem.matrix.width;
  const hessian = new Float64Array(m * m);
  weightedGram(problem.matrix, problem.weights, hessian, problem.workers);
  for (let j = 0; j < m - 1; j++) hessian[j * m + j] += problem.l2;
  return hessian;
}

function penalisedLoss(problem: Problem, beta: Float64Array, margins: Float64Array): number {
  const { matrix, labels, l2 } = problem;
  designMargins(matrix, beta, margins, problem.workers);
  let loss = 0;
  for (let i = 0; i < matrix.rows; i++) {
    loss += softplus(margins[i]) - labels[i] * margins[i];
  }
  for (let j = 0; j < matrix.width - 1; j++) loss += (l2 / 2) * beta[j] * beta[j];
  return loss;
}

/**
 * Moves beta along −step, halving until the Armijo condition holds; the problem's
 * margins follow beta.
 */
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
    if (penalisedLoss(problem, trial, problem.margins) <= loss + 1e-4 * t * slope) break;
    t /= 2;
  }
  beta.set(trial);
}

function softplus(margin: number): number {
  return margin > 0 ? margin + Math.log1p(Math.exp(-margin)) : Math.log1p(Math.exp(margin));
}

function maxAbs(values: Float64Array): number {
  let max = 0;
  for (const v of values) max = Math.max(max, Math.abs(v));
  return max;
}
