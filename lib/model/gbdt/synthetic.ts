/**
 * A seeded synthetic binary problem for tests and benchmarks: normal features (some
 * with missing values, some integer-coded categoricals) and a known, partly non-linear
 * logistic signal on the first few of them.
 */
import { createRng } from "../../random/mod.ts";
import type { Dataset, FeatureSpec } from "../types.ts";

/** Shape of the synthetic problem. */
export interface SyntheticOptions {
  rows: number;
  features: number;
  seed: number;
  /** Share of missing values in every third feature (default 0.1). */
  missingRate?: number;
}

/**
 * Makes the dataset. Feature j is categorical (codes 0..7) when j % 5 === 4, has
 * missing values when j % 3 === 2; the label depends on features 0..7 only.
 * @example
 * ```ts
 * import { makeSyntheticDataset } from "./synthetic.ts";
 * const train = makeSyntheticDataset({ rows: 500, features: 20, seed: 1 });
 * if (train.columns.length !== 20) throw new Error("expected 20 feature columns");
 * ```
 */
export function makeSyntheticDataset(options: SyntheticOptions): Dataset {
  const { rows, features: width, seed } = options;
  const missingRate = options.missingRate ?? 0.1;
  const rng = createRng(seed);
  const features: FeatureSpec[] = [];
  const columns: Float64Array[] = [];
  for (let j = 0; j < width; j++) {
    const categorical = j % 5 === 4;
    features.push(
      categorical
        ? {
          name: `f${j}`,
          type: "categorical",
          levels: Array.from({ length: 8 }, (_, c) => `c${c}`),
        }
        : { name: `f${j}`, type: "numeric" },
    );
    const column = new Float64Array(rows);
    for (let i = 0; i < rows; i++) column[i] = categorical ? rng.int(0, 7) : rng.normal();
    columns.push(column);
  }
  const label = new Float64Array(rows);
  const at = (j: number, i: number) => (j < width ? columns[j][i] : 0);
  for (let i = 0; i < rows; i++) {
    const logit = -1 + 1.2 * at(0, i) - 0.8 * at(1, i) + (at(2, i) > 0.5 ? 1 : -0.5) +
      0.6 * at(3, i) * at(5, i) + (at(4, i) % 3 === 0 ? 0.8 : 0) + 0.5 * Math.abs(at(6, i)) -
      0.4 * at(7, i);
    label[i] = rng.float() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  // Missing values are punched in after the label, so missingness carries no signal
  // except through the hidden value.
  for (let j = 2; j < width; j += 3) {
    if (features[j].type === "categorical") continue;
    for (let i = 0; i < rows; i++) if (rng.float() < missingRate) columns[j][i] = NaN;
  }
  return { features, columns, rows, label };
}
