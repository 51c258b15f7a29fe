/** Seeded small datasets whose truth is known: linear in the features, or an interaction. */
import { createRng } from "../../lib/random/mod.ts";
import type { KeyedDataset } from "../../lib/model/dataset.ts";
import type { FeatureSpec } from "../../lib/model/types.ts";

/** Which truth the label follows. */
export type Truth = "linear" | "interaction";

/**
 * `rows` rows of five numeric features and one 4-level categorical. Linear: the logit
 * is a weighted sum (plus a level effect). Interaction: the logit is the sign of
 * x0·x1, which no additive model can rank.
 */
export function truthDataset(truth: Truth, rows: number, seed: number): KeyedDataset {
  const rng = createRng(seed);
  const features: FeatureSpec[] = [
    ...Array.from({ length: 5 }, (_, j): FeatureSpec => ({ name: `x${j}`, type: "numeric" })),
    { name: "grade", type: "categorical", levels: ["A", "B", "C", "D"] },
  ];
  const columns = features.map(() => new Float64Array(rows));
  const label = new Float64Array(rows);
  const weights = [0.9, -0.7, 0.5, 0.3, -0.2];
  const levelEffect = [-0.6, 0, 0.3, 0.8];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < 5; j++) columns[j][i] = rng.normal();
    columns[5][i] = rng.int(0, 3);
    let logit: number;
    if (truth === "linear") {
      logit = -0.5 + levelEffect[columns[5][i]];
      for (let j = 0; j < 5; j++) logit += weights[j] * columns[j][i];
    } else {
      logit = 2.5 * Math.sign(columns[0][i] * columns[1][i]);
    }
    label[i] = rng.float() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  // A few missing values, after the label, so the imputation paths run.
  for (let i = 0; i < rows; i += 17) columns[2][i] = NaN;
  return {
    features,
    columns,
    rows,
    label,
    ids: Float64Array.from({ length: rows }, (_, i) => i + 1),
  };
}
