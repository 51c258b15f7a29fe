/**
 * Logistic baseline fit and scoring on seeded data shaped like a feature store:
 * `deno bench -A bench/logistic_bench.ts` — 50,000 rows, 40 numeric features with 10%
 * missing, two 12-level categoricals (64 design columns);
 * `deno bench -A bench/logistic_bench.ts -- --kaggle` — the Kaggle-scale design instead:
 * 246,000 rows, 244 numeric features and 15 categoricals of 137 levels in all (382 design
 * columns, as the Home Credit feature store gives), one fit of l2 1.
 */
import { fitLogistic, predictLogisticProba } from "../lib/model/logistic/mod.ts";
import type { Dataset, FeatureSpec } from "../lib/model/types.ts";
import { createRng } from "../lib/random/mod.ts";

interface Shape {
  rows: number;
  numeric: number;
  /** Levels of each categorical. */
  levels: number[];
  /** Standard deviation of the true numeric weights. */
  weight: number;
}

const SMALL: Shape = { rows: 50_000, numeric: 40, levels: [12, 12], weight: 0.3 };
const KAGGLE: Shape = {
  rows: 246_000,
  numeric: 244,
  levels: [2, 3, 2, 7, 8, 5, 6, 18, 58, 4, 3, 7, 4, 6, 4],
  weight: 0.12,
};

function syntheticDataset(shape: Shape, seed: number): Dataset {
  const rng = createRng(seed);
  const { rows, numeric } = shape;
  const features: FeatureSpec[] = [
    ...Array.from({ length: numeric }, (_, j): FeatureSpec => ({ name: `x${j}`, type: "numeric" })),
    ...shape.levels.map((count, j): FeatureSpec => ({
      name: `c${j}`,
      type: "categorical",
      levels: Array.from({ length: count }, (_, k) => `level${k}`),
    })),
  ];
  const columns = features.map(() => new Float64Array(rows));
  const label = new Float64Array(rows);
  const weights = Array.from({ length: numeric }, () => rng.normal() * shape.weight);
  for (let i = 0; i < rows; i++) {
    let margin = -2;
    for (let j = 0; j < numeric; j++) {
      const x = rng.normal();
      columns[j][i] = rng.bernoulli(0.1) ? NaN : x;
      margin += weights[j] * x;
    }
    shape.levels.forEach((count, c) => {
      columns[numeric + c][i] = c === 1 && rng.bernoulli(0.05) ? NaN : rng.int(0, count - 1);
    });
    margin += columns[numeric][i] % 3 === 0 ? 0.5 : 0;
    label[i] = rng.bernoulli(1 / (1 + Math.exp(-margin))) ? 1 : 0;
  }
  return { features, columns, rows, label };
}

const kaggle = Deno.args.includes("--kaggle");
const shape = kaggle ? KAGGLE : SMALL;
const data = syntheticDataset(shape, 4);
const designColumns = shape.numeric + shape.levels.reduce((sum, count) => sum + count, 0);
const label = `${shape.rows.toLocaleString("en")} rows × ${designColumns} design columns`;
console.log(`load average ${Deno.loadavg().map((x) => x.toFixed(2)).join(" ")}`);

if (kaggle) {
  Deno.bench(`logistic fit, ${label}`, { n: 1, warmup: 0 }, () => {
    const model = fitLogistic(data, { l2: 1 });
    console.log(`${model.params.iterations} Newton iterations`);
  });
} else {
  const model = fitLogistic(data, { l2: 1 });
  Deno.bench(`logistic fit, ${label}`, { n: 3, warmup: 1 }, () => {
    fitLogistic(data, { l2: 1 });
  });
  Deno.bench(
    `logistic scoring, ${shape.rows.toLocaleString("en")} rows`,
    { n: 5, warmup: 1 },
    () => {
      predictLogisticProba(model, data);
    },
  );
}
