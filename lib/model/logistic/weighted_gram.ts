/**
 * XᵀWX over a materialised design (design_matrix.ts): the dense × dense part by the
 * Gram kernel a block of rows at a time, the level × dense part by the level-sums
 * kernel on the same block while it is in cache, and level × level (each row's pairs of
 * codes) here. Each entry is summed in a fixed order of rows and blocks.
 */
import type { DesignMatrix } from "./design_matrix.ts";
import { JOB_KINDS, splitPanels } from "./gram_share.ts";
import { type GramWorkers, runGramJob } from "./gram_workers.ts";

/**
 * Writes XᵀWX (m×m, m = matrix.width, lower triangle: entry (i, j), i ≥ j, at i·m + j)
 * for row weights `w` into `out`; the upper triangle is left as it was. With `workers`,
 * they claim chunks of the panels beside this thread; the result is the same with any
 * number of them.
 */
export function weightedGram(
  matrix: DesignMatrix,
  w: Float64Array,
  out: Float64Array,
  workers?: GramWorkers,
): void {
  const { rows, panelCount, gram, sums, weights, categoricals, codes, levels } = matrix;
  const stride = panelCount * 4;
  if (w !== weights) weights.set(w.subarray(0, rows));
  gram.fill(0);
  sums.fill(0);
  const threads = 1 + (workers?.workers.length ?? 0);
  // Twice as many chunks as threads, so a thread the system holds up leaves its second
  // chunk to the others; the result does not depend on the count.
  const chunks = Math.min(panelCount, threads === 1 ? 1 : 2 * threads);
  const job = {
    kind: JOB_KINDS.gram,
    dense: matrix.dense,
    vector: 0,
    out: 0,
    panels: matrix.panels.byteOffset,
    weights: weights.byteOffset,
    codes: codes.byteOffset,
    gram: gram.byteOffset,
    sums: sums.byteOffset,
    rows,
    panelCount,
    categoricals,
  };
  runGramJob(
    workers,
    matrix.memory,
    matrix.kernel,
    job,
    splitPanels(panelCount, categoricals, chunks),
  );
  const pairs = levelPairs(matrix, w);
  const m = matrix.width;
  const { dense, denseIndex, levelIndex } = matrix;
  const put = (a: number, b: number, value: number) => {
    out[a >= b ? a * m + b : b * m + a] = value;
  };
  for (let a = 0; a < dense; a++) {
    for (let b = 0; b <= a; b++) {
      // The kernel fills tiles of panel I ≥ J at row 4J + k, column 4I + l.
      const value = (a >> 2) >= (b >> 2) ? gram[b * stride + a] : gram[a * stride + b];
      put(denseIndex[a], denseIndex[b], value);
    }
  }
  for (let l = 0; l < levels; l++) {
    for (let d = 0; d < dense; d++) put(levelIndex[l], denseIndex[d], sums[l * stride + d]);
    for (let k = 0; k <= l; k++) put(levelIndex[l], levelIndex[k], pairs[l * (levels + 1) + k]);
  }
}

/** Σ w over the rows holding each pair of levels (l ≥ k at l·(levels + 1) + k). */
function levelPairs(matrix: DesignMatrix, w: Float64Array): Float64Array {
  const { rows, codes, categoricals, levels } = matrix;
  const side = levels + 1;
  const pairs = new Float64Array(side * side);
  for (let r = 0, row = 0; r < rows; r++, row += categoricals) {
    const weight = w[r];
    for (let a = 0; a < categoricals; a++) {
      const ca = codes[row + a];
      for (let b = 0; b <= a; b++) {
        const cb = codes[row + b];
        pairs[ca >= cb ? ca * side + cb : cb * side + ca] += weight;
      }
    }
  }
  return pairs;
}
