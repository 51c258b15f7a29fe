/**
 * The outlier model compiled for scoring a few rows in TypeScript, where a second
 * onnxruntime run per request costs more than the arithmetic: the forest's walk
 * (forest_walk.ts) and the distance's ‖z·W‖² (whitened_norm.ts) in WebAssembly, each
 * flattened into its module's memory once, at load. It computes what isolation_forest.ts and mahalanobis.ts
 * define — the same float32 comparisons, the same float64 sums in the same order — so
 * for finite values the results are `scoreOutlierRow`'s, to the bit (row_scorer_test.ts),
 * and the ONNX graph's within 1e-6 (tests/scoring/outliers_test.ts).
 */
import { isolationExponent } from "./isolation_forest.ts";
import { compileForestWalk } from "./forest_walk.ts";
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
  const width = model.features.length;
  const walk = compileForestWalk(model.forest, width);
  const row = walk.row;
  const k = isolationExponent(model.forest.sampleSize);
  const trees = model.forest.trees.length;
  const m = model.mahalanobis;
  const p = m?.features.length ?? 0;
  const dims = Int32Array.from(m?.features ?? []);
  const centre = Float64Array.from(m?.centre ?? []);
  const scale = Float64Array.from(m?.scale ?? []);
  const norm = m === undefined ? undefined : compileWhitenedNorm(m.whitening, p);
  const z = norm?.z ?? new Float64Array(0);
  return {
    scoreInto(values, offset, out) {
      // The float32 store rounds as Math.fround does; the walk compares in float32.
      for (let j = 0; j < width; j++) row[j] = values[offset + j];
      out[0] = Math.exp((walk.pathSum() / trees) * k);
      if (m === undefined) {
        out[1] = NaN;
        return;
      }
      for (let r = 0; r < p; r++) {
        const x = row[dims[r]];
        z[r] = x !== x ? 0 : (x - centre[r]) / scale[r];
      }
      out[1] = Math.sqrt(norm!.squaredNorm());
    },
  };
}
