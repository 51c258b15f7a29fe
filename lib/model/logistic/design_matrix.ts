/**
 * The logistic design materialised once per fit, for the passes Newton makes over it:
 * the dense columns (numeric features, standardised, and the intercept) in panels of
 * four columns in WebAssembly memory, where the Gram kernel reads them, and each row's
 * categorical codes as indices into the one-hot levels (a missing or unknown code points
 * at a spare level that no design column reads).
 */
import type { Dataset, DesignColumn } from "../types.ts";
import { buildDesign, type NumericStats } from "./design.ts";
import { CONTROL_BYTES } from "./gram_control.ts";
import { createGramKernel, type GramKernel, MAX_PAGES } from "./gram_kernel.ts";
import { evenBounds, JOB_KINDS } from "./gram_share.ts";
import { type GramWorkers, runGramJob } from "./gram_workers.ts";

/** The design of one dataset, ready for margins, gradients and Hessians. */
export interface DesignMatrix {
  /** The design columns it was built for. */
  design: DesignColumn[];
  /** Coefficients including the intercept (last): design.length + 1. */
  width: number;
  rows: number;
  /** Dense columns: numeric design columns, then the intercept. */
  dense: number;
  /** Design index of each dense column. */
  denseIndex: Int32Array;
  /** Panels of four dense columns (the last padded with zero columns). */
  panelCount: number;
  /** Z: panel P, row r, lane l at (P·rows + r)·4 + l. */
  panels: Float64Array;
  /** Categorical features, and every row's level index for each (row-major). */
  categoricals: number;
  codes: Int32Array;
  /** One-hot levels (the spare level is index `levels`), and each one's design index. */
  levels: number;
  levelIndex: Int32Array;
  /** Kernel inputs and outputs, in the same memory as the panels. */
  memory: WebAssembly.Memory;
  kernel: GramKernel;
  weights: Float64Array;
  gram: Float64Array;
  sums: Float64Array;
  /** Per-row margins and residuals the passes read and write, and one value per panel lane. */
  margins: Float64Array;
  residual: Float64Array;
  panelVector: Float64Array;
  /** Byte offset of three doubles per dense column: its impute, mean and scale. */
  statsAt: number;
}

const PAGE = 65536;

/** Materialises `design` (from buildDesign) over the rows of `data`. */
export function createDesignMatrix(data: Dataset, design: DesignColumn[]): DesignMatrix {
  const matrix = allocateDesignMatrix(data, design);
  for (let p = 0; p < matrix.panelCount; p++) fillPanel(matrix, data, p, true);
  return matrix;
}

/**
 * Builds the design of `data` (as buildDesign does: the same columns, the same stats) and
 * materialises it: the raw values copied into the panels here, then each dense column's
 * stats computed and its values standardised in place, panels shared with `workers`.
 */
export function buildDesignMatrix(data: Dataset, workers?: GramWorkers): DesignMatrix {
  const placeholder: NumericStats = { impute: 0, mean: 0, scale: 1 };
  const skeleton = buildDesign(data, () => placeholder);
  const matrix = allocateDesignMatrix(data, skeleton);
  for (let p = 0; p < matrix.panelCount; p++) fillPanel(matrix, data, p, false);
  const stats = new Float64Array(matrix.memory.buffer, matrix.statsAt, 3 * matrix.dense);
  const threads = 1 + (workers?.workers.length ?? 0);
  const parts = data.rows >= PARALLEL_ROWS ? Math.min(matrix.panelCount, 2 * threads) : 1;
  runGramJob(workers, matrix.memory, matrix.kernel, {
    ...passJob(matrix, JOB_KINDS.standardise),
    vector: matrix.statsAt,
    out: 0,
  }, evenBounds(matrix.panelCount, parts));
  const denseOf = new Map<number, number>();
  matrix.denseIndex.forEach((at, d) => {
    if (d < matrix.dense - 1) denseOf.set(skeleton[at].feature, d);
  });
  matrix.design = buildDesign(data, (feature) => {
    const d = denseOf.get(feature) as number;
    return { impute: stats[3 * d], mean: stats[3 * d + 1], scale: stats[3 * d + 2] };
  });
  return matrix;
}

/** The matrix's memory and layout for `design`, its codes filled, its panels zero. */
function allocateDesignMatrix(data: Dataset, design: DesignColumn[]): DesignMatrix {
  const rows = data.rows;
  const numeric: number[] = [];
  const levelBase = new Map<number, number>();
  const levelIndex: number[] = [];
  design.forEach((column, at) => {
    if (column.kind === "numeric") {
      numeric.push(at);
      return;
    }
    if (!levelBase.has(column.feature)) levelBase.set(column.feature, levelIndex.length);
    levelIndex.push(at);
  });
  const dense = numeric.length + 1;
  const panelCount = Math.ceil(dense / 4);
  const width = panelCount * 4;
  const categoricals = levelBase.size;
  const levels = levelIndex.length;
  // Gram workers' control words first (gram_control.ts), then the kernel's data.
  const panelsAt = CONTROL_BYTES;
  const weightsAt = panelsAt + rows * width * 8;
  const codesAt = weightsAt + rows * 8;
  const gramAt = align16(codesAt + rows * categoricals * 4);
  const sumsAt = gramAt + width * width * 8;
  const marginsAt = sumsAt + (levels + 1) * width * 8;
  const residualAt = marginsAt + rows * 8;
  const panelVectorAt = residualAt + rows * 8;
  const statsAt = panelVectorAt + width * 8;
  const end = statsAt + 3 * width * 8;
  const pages = Math.max(1, Math.ceil(end / PAGE));
  if (pages > MAX_PAGES) {
    throw new RangeError(
      `Cannot build the logistic design: ${rows} rows × ${width} dense columns exceed 4 GiB`,
    );
  }
  const memory = new WebAssembly.Memory({ initial: pages, maximum: MAX_PAGES, shared: true });
  const matrix: DesignMatrix = {
    design,
    width: design.length + 1,
    rows,
    dense,
    denseIndex: Int32Array.from([...numeric, design.length]),
    panelCount,
    panels: new Float64Array(memory.buffer, panelsAt, rows * width),
    categoricals,
    codes: new Int32Array(memory.buffer, codesAt, rows * categoricals),
    levels,
    levelIndex: Int32Array.from(levelIndex),
    memory,
    kernel: createGramKernel(memory),
    weights: new Float64Array(memory.buffer, weightsAt, rows),
    gram: new Float64Array(memory.buffer, gramAt, width * width),
    sums: new Float64Array(memory.buffer, sumsAt, (levels + 1) * width),
    margins: new Float64Array(memory.buffer, marginsAt, rows),
    residual: new Float64Array(memory.buffer, residualAt, rows),
    panelVector: new Float64Array(memory.buffer, panelVectorAt, width),
    statsAt,
  };
  [...levelBase.entries()].forEach(([feature, base], f) => {
    const column = data.columns[feature];
    const count = levelIndex.filter((at) => (design[at] as { feature: number }).feature === feature)
      .length;
    for (let r = 0; r < rows; r++) {
      const x = column[r];
      matrix.codes[r * categoricals + f] = Number.isInteger(x) && x >= 0 && x < count
        ? base + x
        : levels;
    }
  });
  return matrix;
}

/**
 * Writes panel p: its four dense columns' values, standardised or raw (NaN kept), a row
 * at a time (the intercept's are 1, a padding column's 0).
 */
function fillPanel(matrix: DesignMatrix, data: Dataset, p: number, standardised: boolean): void {
  const { rows, panels, design, dense, denseIndex } = matrix;
  const lanes = [0, 1, 2, 3].map((l) => {
    const d = 4 * p + l;
    const column = d < dense - 1 ? design[denseIndex[d]] : undefined;
    if (column === undefined || column.kind !== "numeric") {
      // The intercept (x = 1 against impute 0, mean 0, scale 1) or a padding column.
      const constant = new Float64Array(1).fill(d === dense - 1 ? 1 : 0);
      return { values: constant, step: 0, impute: 0, mean: 0, scale: 1 };
    }
    const { impute, mean, scale } = standardised ? column : { impute: NaN, mean: 0, scale: 1 };
    return { values: data.columns[column.feature], step: 1, impute, mean, scale };
  });
  const [a, b, c, e] = lanes;
  for (let r = 0, k = p * rows * 4; r < rows; r++, k += 4) {
    const xa = a.values[r * a.step];
    const xb = b.values[r * b.step];
    const xc = c.values[r * c.step];
    const xe = e.values[r * e.step];
    panels[k] = ((Number.isNaN(xa) ? a.impute : xa) - a.mean) / a.scale;
    panels[k + 1] = ((Number.isNaN(xb) ? b.impute : xb) - b.mean) / b.scale;
    panels[k + 2] = ((Number.isNaN(xc) ? c.impute : xc) - c.mean) / c.scale;
    panels[k + 3] = ((Number.isNaN(xe) ? e.impute : xe) - e.mean) / e.scale;
  }
}

function align16(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}

/** Writes every row's margin x·beta (beta in design order, intercept last) into `out`. */
export function designMargins(
  matrix: DesignMatrix,
  beta: Float64Array,
  out: Float64Array,
  workers?: GramWorkers,
): void {
  const { rows, denseIndex, dense, margins, panelVector } = matrix;
  panelVector.fill(0);
  for (let d = 0; d < dense; d++) panelVector[d] = beta[denseIndex[d]];
  margins.fill(0);
  const threads = 1 + (workers?.workers.length ?? 0);
  const bounds = evenBounds(rows, rows >= PARALLEL_ROWS ? 2 * threads : 1);
  runGramJob(workers, matrix.memory, matrix.kernel, {
    ...passJob(matrix, JOB_KINDS.margins),
    vector: panelVector.byteOffset,
    out: margins.byteOffset,
  }, bounds);
  const { codes, categoricals, levels, levelIndex } = matrix;
  if (categoricals > 0) {
    const levelBeta = new Float64Array(levels + 1);
    for (let l = 0; l < levels; l++) levelBeta[l] = beta[levelIndex[l]];
    for (let r = 0, k = 0; r < rows; r++) {
      let sum = 0;
      for (let f = 0; f < categoricals; f++) sum += levelBeta[codes[k++]];
      margins[r] += sum;
    }
  }
  if (out !== margins) out.set(margins);
}

/** Writes Xᵀ·residual (design order, intercept last) into `out`. */
export function designGradient(
  matrix: DesignMatrix,
  residual: Float64Array,
  out: Float64Array,
  workers?: GramWorkers,
): void {
  const { rows, denseIndex, dense, panelVector } = matrix;
  if (residual !== matrix.residual) matrix.residual.set(residual);
  panelVector.fill(0);
  const threads = 1 + (workers?.workers.length ?? 0);
  const parts = rows >= PARALLEL_ROWS ? Math.min(matrix.panelCount, 2 * threads) : 1;
  runGramJob(workers, matrix.memory, matrix.kernel, {
    ...passJob(matrix, JOB_KINDS.gradient),
    vector: matrix.residual.byteOffset,
    out: panelVector.byteOffset,
  }, evenBounds(matrix.panelCount, parts));
  out.fill(0);
  for (let d = 0; d < dense; d++) out[denseIndex[d]] = panelVector[d];
  const { codes, categoricals, levels, levelIndex } = matrix;
  const levelSums = new Float64Array(levels + 1);
  for (let r = 0, k = 0; r < rows; r++) {
    for (let f = 0; f < categoricals; f++) levelSums[codes[k++]] += residual[r];
  }
  for (let l = 0; l < levels; l++) out[levelIndex[l]] = levelSums[l];
}

/** Below this many rows a pass runs on the calling thread alone. */
const PARALLEL_ROWS = 20_000;

function passJob(matrix: DesignMatrix, kind: number) {
  return {
    kind,
    dense: matrix.dense,
    panels: matrix.panels.byteOffset,
    weights: matrix.weights.byteOffset,
    codes: matrix.codes.byteOffset,
    gram: matrix.gram.byteOffset,
    sums: matrix.sums.byteOffset,
    rows: matrix.rows,
    panelCount: matrix.panelCount,
    categoricals: matrix.categoricals,
  };
}

/** Mean of each design column over the rows (indicators give the level's share). */
export function designColumnMeans(matrix: DesignMatrix): number[] {
  matrix.residual.fill(1);
  const sums = new Float64Array(matrix.width);
  designGradient(matrix, matrix.residual, sums);
  return Array.from(sums.subarray(0, matrix.width - 1), (sum) => sum / matrix.rows);
}
