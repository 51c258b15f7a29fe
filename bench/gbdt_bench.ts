/**
 * GBDT training speed. `deno bench -A bench/gbdt_bench.ts` times a moderate problem
 * with and without a histogram worker. The side-by-side with XGBoost 1.7 `hist`
 * (nthread 2, same synthetic data, depth 6, 255 bins, eta 0.1, no early stopping) runs
 * with arguments, e.g. at the scale:
 *
 *   deno run -A bench/gbdt_bench.ts --rows 300000 --features 250 --rounds 300 [--workers N]
 *
 * and prints wall and CPU times (both include binning / DMatrix building; CPU time
 * counts every thread and suffers less from other processes on the cores), rows·rounds/s,
 * the ratios, the load average and both test AUCs. --workers defaults to the trainer's
 * own choice; --no-xgboost skips the other side; --xgboost-first runs XGBoost first
 * (the load from other processes can change mid-run, so try both orders).
 * bench/gbdt_accuracy.ts does the same on a real feature store or CSV.
 */
import { makeSyntheticDataset } from "../lib/model/gbdt/synthetic.ts";
import { defaultWorkerCount, predictMargin, trainGbdt } from "../lib/model/gbdt/mod.ts";
import { rocAuc } from "../lib/model/metrics/mod.ts";
import { processCpuSeconds, runXgboost } from "./gbdt_xgboost.ts";

const moderate = makeSyntheticDataset({ rows: 20_000, features: 50, seed: 1 });
for (const workers of [0, 1]) {
  Deno.bench({
    name: `train 20,000 × 50, depth 6, 20 rounds, ${workers} worker(s)`,
    n: 3,
    warmup: 1,
    async fn() {
      await trainGbdt(moderate, { n_rounds: 20 }, { workers });
    },
  });
}

interface CompareArgs {
  rows: number;
  features: number;
  rounds: number;
  workers: number;
  depth: number;
  xgboost: boolean;
  xgboostFirst: boolean;
}

function parseArgs(args: string[]): CompareArgs {
  const value = (flag: string, fallback: number) => {
    const at = args.indexOf(flag);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  return {
    rows: value("--rows", 300_000),
    features: value("--features", 200),
    rounds: value("--rounds", 50),
    workers: value("--workers", -1),
    depth: value("--depth", 6),
    xgboost: !args.includes("--no-xgboost"),
    xgboostFirst: args.includes("--xgboost-first"),
  };
}

async function compare(args: CompareArgs): Promise<void> {
  const train = makeSyntheticDataset({ rows: args.rows, features: args.features, seed: 1 });
  const test = makeSyntheticDataset({ rows: 50_000, features: args.features, seed: 2 });
  const workers = args.workers >= 0 ? args.workers : defaultWorkerCount(args.rows, args.features);
  const throughput = (rows: number, seconds: number) =>
    Math.round((rows * args.rounds) / seconds).toLocaleString("en");
  console.log(
    `data: ${args.rows} × ${args.features}, depth ${args.depth}, 255 bins, eta 0.1, ` +
      `${args.rounds} rounds; riskpipe workers: ${workers} (+ the main thread); ` +
      `${navigator.hardwareConcurrency} cores`,
  );
  const runOurs = async () => {
    const load = Deno.loadavg()[0];
    const started = performance.now();
    const cpuStarted = processCpuSeconds();
    const model = await trainGbdt(train, { n_rounds: args.rounds, max_depth: args.depth }, {
      workers,
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = processCpuSeconds() - cpuStarted;
    const auc = rocAuc(predictMargin(model, test), test.label!);
    console.log(
      `riskpipe  ${seconds.toFixed(2)} s (cpu ${cpu.toFixed(2)} s)  ` +
        `${throughput(args.rows, seconds)} rows·rounds/s  test AUC ${auc.toFixed(5)}  ` +
        `(load average at start ${load.toFixed(2)})`,
    );
    return { seconds, cpu, auc };
  };
  const runTheirs = async () => {
    const load = Deno.loadavg()[0];
    const xgb = await runXgboost(
      { maxDepth: args.depth, maxBin: 255, learningRate: 0.1, rounds: args.rounds, nthread: 2 },
      train,
      test,
    );
    console.log(
      `xgboost ${xgb.version} hist nthread 2  ${xgb.seconds.toFixed(2)} s ` +
        `(cpu ${xgb.cpuSeconds.toFixed(2)} s)  ` +
        `${throughput(args.rows, xgb.seconds)} rows·rounds/s  test AUC ` +
        `${xgb.testAuc.toFixed(5)}  (load average at start ${load.toFixed(2)})`,
    );
    return xgb;
  };
  if (!args.xgboost) {
    await runOurs();
    return;
  }
  const xgb = args.xgboostFirst ? await runTheirs() : undefined;
  const ours = await runOurs();
  const theirs = xgb ?? await runTheirs();
  console.log(
    `time ratio riskpipe / xgboost: ${(ours.seconds / theirs.seconds).toFixed(2)}× wall, ` +
      `${(ours.cpu / theirs.cpuSeconds).toFixed(2)}× cpu; load average now ` +
      `${Deno.loadavg()[0].toFixed(2)}; AUC difference: ${(ours.auc - theirs.testAuc).toFixed(5)}`,
  );
}

if (import.meta.main && Deno.args.length > 0) await compare(parseArgs(Deno.args));
