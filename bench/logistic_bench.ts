/**
 * Logistic baseline fit and scoring on seeded data shaped like a feature store
 * (50,000 rows, 40 numeric features with 10% missing, two 12-level categoricals):
 * `deno bench -A bench/logistic_bench.ts`.
 */
import { fitLogistic, predictLogisticProba } from "../lib/model/logistic/mod.ts";
import type { Dataset, FeatureSpec } from "../lib/model/types.ts";
import { createRng } from "../lib/random/mod.ts";

const ROWS = 50_000;
const NUMERIC = 40;
const LEVELS = Array.from({ length: 12 }, (_, k) => `level${k}`);

function syntheticDataset(seed: number): Dataset {
  const rng = createRng(seed);
  const features: FeatureSpec[] = [
    ...Array.from({ length: NUMERIC }, (_, j): FeatureSpec => ({ name: `x${j}`, type: "numeric" })),
    { name: "c0", type: "categorical", levels: LEVELS },
    { name: "c1", type: "categorical", levels: LEVELS },
  ];
  const columns = features.map(() => new Float64Array(ROWS));
  const label = new Float64Array(ROWS);
  const weights = Array.from({ length: NUMERIC }, () => rng.normal() * 0.3);
  for (let i = 0; i < ROWS; i++) {
    let margin = -2;
    for (let j = 0; j < NUMERIC; j++) {
      const x = rng.normal();
      columns[j][i] = rng.bernoulli(0.1) ? NaN : x;
      margin += weights[j] * x;
    }
    columns[NUMERIC][i] = rng.int(0, LEVELS.length - 1);
    columns[NUMERIC + 1][i] = rng.bernoulli(0.05) ? NaN : rng.int(0, LEVELS.length - 1);
    margin += columns[NUMERIC][i] % 3 === 0 ? 0.5 : 0;
    label[i] = rng.bernoulli(1 / (1 + Math.exp(-margin))) ? 1 : 0;
  }
  return { features, columns, rows: ROWS, label };
}

const data = syntheticDataset(4);
const model = fitLogistic(data, { l2: 1 });

Deno.bench("logistic fit, 50,000 rows × 64 design columns", { n: 3, warmup: 1 }, () => {
  fitLogistic(data, { l2: 1 });
});

Deno.bench("logistic scoring, 50,000 rows", { n: 5, warmup: 1 }, () => {
  predictLogisticProba(model, data);
});
