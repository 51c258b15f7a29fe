/**
 * Scorecard fit at Kaggle scale on seeded synthetic data (246,000 × 260 Float64, a fifth
 * of the features categorical, every third numeric one with 10% missing):
 * `deno bench -A bench/scorecard_bench.ts` (RISKPIPE_BENCH_ROWS / RISKPIPE_BENCH_FEATURES
 * to resize, RISKPIPE_BENCH_MIN_IV for the IV floor, default 0). One timed fit; seconds, model features and Newton steps are printed.
 */
import { makeSyntheticDataset } from "../lib/model/gbdt/synthetic.ts";
import { fitScorecard } from "../lib/model/scorecard/mod.ts";

const ROWS = Number(Deno.env.get("RISKPIPE_BENCH_ROWS") ?? 246_000);
const FEATURES = Number(Deno.env.get("RISKPIPE_BENCH_FEATURES") ?? 260);
// min_iv 0 keeps every feature with two bins or more in the logistic fit: the worst case.
const MIN_IV = Number(Deno.env.get("RISKPIPE_BENCH_MIN_IV") ?? 0);
const data = makeSyntheticDataset({ rows: ROWS, features: FEATURES, seed: 14 });

Deno.bench({
  name: `scorecard fit (${ROWS} × ${FEATURES})`,
  n: 1,
  warmup: 0,
  fn(b) {
    b.start();
    const started = performance.now();
    const card = fitScorecard(data, { min_iv: MIN_IV });
    const seconds = (performance.now() - started) / 1000;
    b.end();
    const inModel = card.included.filter(Boolean).length;
    console.log(
      `scorecard fit: ${seconds.toFixed(2)} s, ${inModel} of ${FEATURES} features in the model, ` +
        `${card.params.iterations} Newton steps`,
    );
  },
});
