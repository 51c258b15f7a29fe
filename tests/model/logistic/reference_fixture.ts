/**
 * A seeded design shaped like the feature store's, small: numeric features with missing
 * values (one an exact mean of three others, as the EXT_SOURCE aggregates are, so the
 * Hessian is ill-conditioned), a constant column, a boolean flag, and categoricals with
 * missing and unknown codes. Its fitted coefficients were recorded from the Newton
 * fit before the Gram kernel (reference_coefficients.json).
 */
import type { Dataset, FeatureSpec } from "../../../lib/model/types.ts";
import { createRng } from "../../../lib/random/mod.ts";

const NUMERIC = 13;

/** `rows` rows of the reference design, from `seed`. */
export function referenceDataset(rows = 1500, seed = 18): Dataset {
  const rng = createRng(seed);
  const levels = (count: number) => Array.from({ length: count }, (_, k) => `l${k}`);
  const features: FeatureSpec[] = [
    ...Array.from({ length: NUMERIC }, (_, j): FeatureSpec => ({ name: `x${j}`, type: "numeric" })),
    { name: "x_mean", type: "numeric" },
    { name: "constant", type: "numeric" },
    { name: "flag", type: "boolean" },
    { name: "grade", type: "categorical", levels: levels(7) },
    { name: "region", type: "categorical", levels: levels(3) },
    { name: "kind", type: "categorical", levels: levels(12) },
  ];
  const columns = features.map(() => new Float64Array(rows));
  const label = new Float64Array(rows);
  const weights = Array.from({ length: NUMERIC }, () => rng.normal() * 0.4);
  for (let i = 0; i < rows; i++) {
    let margin = -1.5;
    for (let j = 0; j < NUMERIC; j++) {
      const x = rng.normal() * (j + 1) + j;
      columns[j][i] = x;
      margin += weights[j] * (x - j) / (j + 1);
    }
    columns[NUMERIC][i] = (columns[0][i] + columns[1][i] + columns[2][i]) / 3;
    columns[NUMERIC + 1][i] = 4;
    columns[NUMERIC + 2][i] = rng.bernoulli(0.3) ? 1 : 0;
    columns[NUMERIC + 3][i] = rng.int(0, 6);
    // Missing (NaN) and an unknown code (3) give all-zero indicators.
    columns[NUMERIC + 4][i] = rng.bernoulli(0.05) ? NaN : rng.bernoulli(0.02) ? 3 : rng.int(0, 2);
    columns[NUMERIC + 5][i] = rng.int(0, 11);
    margin += 0.3 * columns[NUMERIC + 2][i] + (columns[NUMERIC + 3][i] - 3) * 0.2;
    margin += columns[NUMERIC + 5][i] % 4 === 0 ? 0.6 : 0;
    label[i] = rng.bernoulli(1 / (1 + Math.exp(-margin))) ? 1 : 0;
  }
  // Missing values after the label, so the imputation paths run.
  for (let i = 0; i < rows; i++) {
    for (let j = 3; j < NUMERIC; j += 3) if (rng.bernoulli(0.08)) columns[j][i] = NaN;
  }
  return { features, columns, rows, label };
}
