/**
 * The outlier model compiled for scoring a few rows in TypeScript, where a second
 * onnxruntime run per request costs more than the arithmetic: the forest in flat typed
 * arrays (every tree's nodes end to end) and the whitening matrix as one Float64Array.
 * It computes what isolation_forest.ts and mahalanobis.ts define — the same float32
 * comparisons and float64 arithmetic, summed in another order — so the isolation scores
 * and distances equal `scoreOutlierRow`'s within ~1e-15 relative (row_scorer_test.ts)
 * and the ONNX graph's within 1e-6 (tests/scoring/outliers_test.ts).
 */
import { isolationExponent } from "./isolation_forest.ts";
import type { OutlierModel } from "./types.ts";

/** Scores rows of a row-major feature matrix (NaN = missing). */
export interface OutlierRowScorer {
  /**
   * The isolation score and the distance (NaN without a Mahalanobis part) of the row
   * starting at `values[offset]`, written to `out[0]` and `out[1]`.
   */
  scoreInto(values: ArrayLike<number>, offset: number, out: Float64Array): void;
}

/** Compiles `model` for {@link OutlierRowScorer.scoreInto}. */
export function compileOutlierRowScorer(model: OutlierModel): OutlierRowScorer {
  const forest = flatForest(model);
  const k = isolationExponent(model.forest.sampleSize);
  const trees = model.forest.trees.length;
  const m = model.mahalanobis;
  const p = m?.features.length ?? 0;
  const dims = Int32Array.from(m?.features ?? []);
  const centre = Float64Array.from(m?.centre ?? []);
  const scale = Float64Array.from(m?.scale ?? []);
  // Column c of the upper-triangular W (rows 0..c), columns end to end.
  const packed = new Float64Array((p * (p + 1)) / 2);
  for (let c = 0, at = 0; c < p; c++) {
    for (let r = 0; r <= c; r++) packed[at++] = m!.whitening[r * p + c];
  }
  const z = new Float64Array(p);
  const { roots, nodes, thresholds, pathLength } = forest;
  /** The child of split node `at` (slot code `code`) the row goes to. */
  const step = (values: ArrayLike<number>, offset: number, at: number, code: number) => {
    const x = Math.fround(values[offset + (code >> 1)]);
    const goLeft = x !== x ? (code & 1) === 1 : x < thresholds[at + 1];
    return nodes[at + (goLeft ? 2 : 3)];
  };
  return {
    scoreInto(values, offset, out) {
      let sum = 0;
      // Four trees a pass: their walks are independent chains of loads, which the CPU
      // overlaps (one walk alone waits on memory at nearly every node).
      let t = 0;
      for (; t + 4 <= trees; t += 4) {
        let a = roots[t], b = roots[t + 1], c = roots[t + 2], d = roots[t + 3];
        let ca = nodes[a], cb = nodes[b], cc = nodes[c], cd = nodes[d];
        while ((ca & cb & cc & cd) >= 0) {
          if (ca >= 0) {
            a = step(values, offset, a, ca);
            ca = nodes[a];
          }
          if (cb >= 0) {
            b = step(values, offset, b, cb);
            cb = nodes[b];
          }
          if (cc >= 0) {
            c = step(values, offset, c, cc);
            cc = nodes[c];
          }
          if (cd >= 0) {
            d = step(values, offset, d, cd);
            cd = nodes[d];
          }
        }
        sum += pathLength[nodes[a + 2]] + pathLength[nodes[b + 2]] +
          pathLength[nodes[c + 2]] + pathLength[nodes[d + 2]];
      }
      for (; t < trees; t++) {
        let at = roots[t];
        let code = nodes[at];
        while (code >= 0) {
          at = step(values, offset, at, code);
          code = nodes[at];
        }
        sum += pathLength[nodes[at + 2]];
      }
      out[0] = Math.exp((sum / trees) * k);
      if (m === undefined) {
        out[1] = NaN;
        return;
      }
      for (let r = 0; r < p; r++) {
        const x = Math.fround(values[offset + dims[r]]);
        z[r] = x !== x ? 0 : (x - centre[r]) / scale[r];
      }
      // y = z·W with W upper triangular: y[c] = Σ_{r ≤ c} z[r]·W[r, c], column c's entries
      // packed end to end, so the whole pass reads one array in order; four partial sums
      // so that the additions do not wait on each other (summed in another order than
      // mahalanobisSquared's, so equal to it within rounding, ~1e-15 of the distance).
      let squares = 0;
      for (let c = 0, at = 0; c < p; c++) {
        const n = c + 1;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        let r = 0;
        for (; r + 4 <= n; r += 4) {
          s0 += z[r] * packed[at + r];
          s1 += z[r + 1] * packed[at + r + 1];
          s2 += z[r + 2] * packed[at + r + 2];
          s3 += z[r + 3] * packed[at + r + 3];
        }
        for (; r < n; r++) s0 += z[r] * packed[at + r];
        const y = (s0 + s1) + (s2 + s3);
        squares += y * y;
        at += n;
      }
      out[1] = Math.sqrt(squares);
    },
  };
}

/**
 * Every tree's nodes end to end, four int32 slots a node so that a node is one cache
 * line's read (the forest is ~1 MB, and a walk misses the cache at nearly every node):
 * [2·feature + (missing goes left), threshold as float32 bits, left, right] for a split,
 * [−1, 0, index into pathLength, 0] for a leaf; child slots hold the child's first slot.
 */
function flatForest(model: OutlierModel) {
  const size = model.forest.trees.reduce((s, t) => s + t.feature.length, 0);
  const roots = new Int32Array(model.forest.trees.length);
  const nodes = new Int32Array(4 * size);
  const thresholds = new Float32Array(nodes.buffer);
  const pathLength: number[] = [];
  let start = 0;
  model.forest.trees.forEach((tree, t) => {
    roots[t] = 4 * start;
    for (let n = 0; n < tree.feature.length; n++) {
      const at = 4 * (start + n);
      if (tree.feature[n] < 0) {
        nodes[at] = -1;
        nodes[at + 2] = pathLength.length;
        pathLength.push(tree.pathLength[n]);
        continue;
      }
      nodes[at] = 2 * tree.feature[n] + (tree.missingLeft[n] ? 1 : 0);
      thresholds[at + 1] = tree.threshold[n];
      nodes[at + 2] = 4 * (start + tree.left[n]);
      nodes[at + 3] = 4 * (start + tree.right[n]);
    }
    start += tree.feature.length;
  });
  return { roots, nodes, thresholds, pathLength: Float64Array.from(pathLength) };
}
