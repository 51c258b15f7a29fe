/**
 * `tune` at the default data size (`deno bench -A bench/tune_bench.ts`): the search of
 * pipeline.yaml's tune section (50 trials, successive halving) on the work tree's
 * data/split/train.parquet (20,000 applicants → 16,000 training rows; run
 * `deno task repro split` first), 2 trials at once. Goal: ≤ 3 min on 2 cores. One run:
 * the load average before and after is printed, as the machine may be shared. `deno bench`
 * called the function a second time despite `n: 1, warmup: 0`; later calls return at once.
 */
import { resolveGbdtParams } from "../lib/model/gbdt/params.ts";
import { runSearch } from "../lib/tune/search.ts";
import { loadTuneSetup, readTrainingSplit } from "../lib/tune/setup.ts";

const GOAL_SECONDS = 180;
const JOBS = 2;
const root = new URL("..", import.meta.url).pathname;

function loadAverage(): string {
  try {
    return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}

let ran = false;
const setup = await loadTuneSetup(root);
const data = await readTrainingSplit(root, setup.governance);

Deno.bench({
  name: `tune: ${setup.tune.trials} trials, ${data.rows} rows × ${data.columns.length} features, ` +
    `${JOBS} jobs`,
  n: 1,
  warmup: 0,
  async fn() {
    if (ran) return;
    ran = true;
    const before = loadAverage();
    const result = await runSearch(data, {
      tune: setup.tune,
      base: resolveGbdtParams(setup.train.gbdt),
      jobs: JOBS,
    });
    const best = result.trials[result.best];
    console.error(
      `tune bench: ${result.seconds.toFixed(1)} s wall (goal ≤ ${GOAL_SECONDS} s), ` +
        `rungs ${result.rungs.join("/")}, trials per rung ${
          result.rungs.map((_, k) => result.trials.filter((t) => t.rungs.length > k).length)
            .join("/")
        }, best CV AUC ${best.auc.toFixed(4)} (trial ${best.trial}); ` +
        `load average before ${before}, after ${loadAverage()}`,
    );
  },
});
