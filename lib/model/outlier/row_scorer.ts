/**
 * The outlier model compiled for scoring a few rows in TypeScript, where a second
 * onnxruntime run per request costs more than the arithmetic: the forest in one flat
 * Int32Array (every tree's nodes end to end) and the distance's ‖z·W‖² in WebAssembly
 * SIMD (whitened_norm.ts). It computes what isolation_forest.ts and mahalanobis.ts
 * define — the same float32 comparisons, the same float64 sums in the same order — so
 * for finite values the results are `scoreOutlierRow`'s, to the bit (row_scorer_test.ts),
 * and the ONNX graph's within 1e-6 (tests/scoring/outliers_test.ts).
 */
import { isolationExponent } from "./isolation_forest.ts";
import { compileWhitenedNorm } from "./whitened_norm.ts";
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
  const norm = m === undefined ? undefined : compileWhitenedNorm(m.whitening, p);
  const z = norm?.z ?? new Float64Array(0);
  const { roots, nodes, thresholds, pathLength } = forest;
  /** The node the row goes to from node `at` (a leaf stays where it is). */
  const child = (values: ArrayLike<number>, offset: number, at: number) => {
    const code = nodes[at];
    if (code < 0) return at;
    const x = Math.fround(values[offset + (code >> 1)]);
    const goLeft = x !== x ? (code & 1) === 1 : x < thresholds[at + 1];
    return nodes[at + (goLeft ? 2 : 3)];
  };
  return {
    scoreInto(values, offset, out) {
      // Four trees a pass: a walk is a chain of loads that miss the cache (the request's
      // other work evicts the forest), and four independent chains overlap their misses.
      // Their path lengths are added in tree order, as isolationScoreOf adds them.
      let sum = 0;
      let t = 0;
      for (; t + 4 <= trees; t += 4) {
        let a = roots[t], b = roots[t + 1], c = roots[t + 2], d = roots[t + 3];
        while ((nodes[a] & nodes[b] & nodes[c] & nodes[d]) >= 0) {
          a = child(values, offset, a);
          b = child(values, offset, b);
          c = child(values, offset, c);
          d = child(values, offset, d);
        }
        sum = sum + pathLength[nodes[a + 2]] + pathLength[nodes[b + 2]] +
          pathLength[nodes[c + 2]] + pathLength[nodes[d + 2]];
      }
      for (; t < trees; t++) {
        let at = roots[t];
        while (nodes[at] >= 0) at = child(values, offset, at);
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
      out[1] = Math.sqrt(norm!.squaredNorm());
    },
  };
}

/**
 * Every tree's nodes end to end, four int32 slots a node (one read of a cache line):
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
