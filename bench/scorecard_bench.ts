/**
 * Scorecard fit at Kaggle scale on seeded synthetic data (246,000 × 260 Float64, a fifth
 * of the features categorical, every third numeric one with 10% missing): one timed fit,
 * `deno run -A bench/scorecard_bench.ts` (RISKPIPE_BENCH_ROWS / RISKPIPE_BENCH_FEATURES
 * to resize, RISKPIPE_BENCH_MIN_IV for the IV floor). Prints the seconds, the features in
 * the model, the Newton steps and /proc/loadavg before and after, since the machine is
 * shared. A plain script rather than Deno.bench, which repeats a 20-second fit.
 */
import { makeSyntheticDataset } from "../lib/model/gbdt/synthetic.ts";
import { fitScorecard } from "../lib/model/scorecard/mod.ts";

const ROWS = Number(Deno.env.get("RISKPIPE_BENCH_ROWS") ?? 246_000);
const FEATURES = Number(Deno.env.get("RISKPIPE_BENCH_FEATURES") ?? 260);
// min_iv 0 keeps every feature with two bins or more in the logistic fit: the worst case.
const MIN_IV = Number(Deno.env.get("RISKPIPE_BENCH_MIN_IV") ?? 0);

async function loadavg(): Promise<string> {
  return await Deno.readTextFile("/proc/loadavg").then((s) => s.trim(), () => "unknown");
}

if (import.meta.main) {
  const data = makeSyntheticDataset({ rows: ROWS, features: FEATURES, seed: 14 });
  const before = await loadavg();
  const started = performance.now();
  const card = fitScorecard(data, { min_iv: MIN_IV });
  const seconds = (performance.now() - started) / 1000;
  const inModel = card.included.filter(Boolean).length;
  console.log(
    `scorecard fit (${ROWS} × ${FEATURES}): ${seconds.toFixed(2)} s, ${inModel} features in ` +
      `the model, ${card.params.iterations} Newton steps; loadavg before ${before}, after ${await loadavg()}`,
  );
}
