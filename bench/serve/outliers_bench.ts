/**
 * What outlier scoring costs `/predict`: the server's CPU time per request with the
 * version's outlier model on and off, side by side, in one process (ab_cpu.ts). The
 * issue's goal: outlier scoring adds at most 10% to /predict's CPU per request.
 *
 *   deno run -A bench/serve/outliers_bench.ts [repo dir with a repro'd data/ (default .)] [requests per round (default 1000)] [rounds (default 7)]
 *
 * "Off" serves the same loaded version without its outlier scorer (as a version registered
 * before outlier detection is served), so the request path differs only by the outlier
 * graph's onnxruntime run, the flag and the log fields.
 */
import { compareCpu, cpuPerCall, loadBenchVersion } from "./ab_cpu.ts";

const [repo = ".", perRoundText = "1000", roundsText = "7"] = Deno.args;
const perRound = Number(perRoundText);
const rounds = Number(roundsText);
const bench = await loadBenchVersion(repo);
const { version, model } = bench;
const outliers = model.outliers;
if (outliers === undefined) {
  throw new Error(`Cannot bench outliers: ${version} has no outliers.onnx (train.outliers)`);
}
const cpu = await compareCpu({
  bench,
  off: { ...model, outliers: undefined, release: () => Promise.resolve() },
  endpoint: "/predict",
  perRound,
  rounds,
  warmup: 300,
});

// The outlier scoring alone, one row a call, on the same rows' features.
const vectors = bench.rows.map((row) => model.featuresOf(row));
const alone = await cpuPerCall(5_000, (i) => outliers.score(vectors[i % vectors.length], 1));

const m = outliers.model;
console.log(
  `model ${version} (${model.choice.kind}, ${model.manifest.features.length} features), outliers: ${m.forest.trees.length} trees, ${
    m.mahalanobis?.features.length ?? 0
  } Mahalanobis dims; ${rounds} rounds of ${perRound} /predict requests each way`,
);
console.log(`outliers on:  ${cpu.on.toFixed(1)} µs CPU per /predict (median of rounds)`);
console.log(`outliers off: ${cpu.off.toFixed(1)} µs CPU per /predict`);
console.log(`added: ${(100 * (cpu.on / cpu.off - 1)).toFixed(1)}% (goal ≤ 10%)`);
console.log(`outlier graph alone: ${alone.toFixed(2)} µs CPU per row`);
