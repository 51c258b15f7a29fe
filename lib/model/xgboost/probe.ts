/**
 * Rows that take every branch of a model: each feature is missing, at one of its split
 * thresholds, or just below one (the next float32 down), chosen by a seeded stream. An
 * importer scores them with the TypeScript predictor and the ONNX export to prove the
 * two agree without any of the model's training data.
 */
import type { Dataset, GbdtModel } from "../types.ts";
import { createRng } from "../../random/mod.ts";

/**
 * A dataset of `rows` probe rows over the model's features (no label).
 * @example
 * ```ts
 * import { branchProbe } from "./probe.ts";
 * import { trainGbdt } from "../gbdt/train.ts";
 * import { makeSyntheticDataset } from "../gbdt/synthetic.ts";
 * const model = await trainGbdt(makeSyntheticDataset({ rows: 100, features: 3, seed: 1 }), {
 *   max_depth: 2,
 *   n_rounds: 5,
 * });
 * const probe = branchProbe(model, 256, 1);
 * if (probe.columns.length !== 3) throw new Error("expected the model's 3 features");
 * ```
 */
export function branchProbe(model: GbdtModel, rows: number, seed: number): Dataset {
  const thresholds: number[][] = model.features.map(() => []);
  for (const tree of model.trees) {
    tree.feature.forEach((j, n) => {
      if (j >= 0) thresholds[j].push(tree.threshold[n]);
    });
  }
  const rng = createRng(seed);
  const columns = thresholds.map((cuts) => {
    const column = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      const pick = rng.int(0, 3);
      if (cuts.length === 0 || pick === 0) column[i] = NaN;
      else {
        const cut = cuts[rng.int(0, cuts.length - 1)];
        column[i] = pick === 1 ? cut : float32Below(cut);
      }
    }
    return column;
  });
  return { features: model.features, columns, rows };
}

/** The largest float32 below `value` (a finite float32). */
function float32Below(value: number): number {
  const bits = new Float32Array([value]);
  const view = new Int32Array(bits.buffer);
  if (value === 0) return -1.401298464324817e-45;
  view[0] += value > 0 ? -1 : 1;
  return bits[0];
}
