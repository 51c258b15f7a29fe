/**
 * What principal reasons cost `/explain`: the server's CPU time per request with the
 * version's reason table on and off, side by side, in one process (ab_cpu.ts). The
 * issue's goal: reasons add at most 20% to /explain's CPU per request.
 *
 *   deno run -A bench/serve/reasons_bench.ts [repo dir with a repro'd data/ (default .)] [requests per round (default 500)] [rounds (default 7)]
 *
 * "Off" serves the same loaded version with its reason index removed, so the request
 * path differs only by the grouping of the SHAP vector into principal reasons.
 */
import { principalReasons } from "../../lib/governance/reasons/mod.ts";
import { compareCpu, cpuPerCall, loadBenchVersion } from "./ab_cpu.ts";

const [repo = ".", perRoundText = "500", roundsText = "7"] = Deno.args;
const perRound = Number(perRoundText);
const rounds = Number(roundsText);
const bench = await loadBenchVersion(repo);
const { version, model } = bench;
const reasons = model.reasons;
if (reasons === undefined) throw new Error(`Cannot bench reasons: ${version} has no reason index`);
const cpu = await compareCpu({
  bench,
  // The same version without its reason index: principalReasons are left empty.
  off: { ...model, reasons: undefined, release: () => Promise.resolve() },
  endpoint: "/explain",
  perRound,
  rounds,
  warmup: 200,
});

// The grouping alone, on the SHAP vectors of the same rows.
const vectors = bench.rows.map((row) => model.explain(model.featuresOf(row)));
const grouping = await cpuPerCall(
  20_000,
  (i) => principalReasons(reasons, vectors[i % vectors.length].contributions),
);

console.log(
  `model ${version} (${model.choice.kind}, ${model.manifest.features.length} features, reason table: ${
    reasons.source === undefined ? "none" : "yes"
  }), ${rounds} rounds of ${perRound} /explain requests each way`,
);
console.log(`reasons on:  ${cpu.on.toFixed(1)} µs CPU per /explain (median of rounds)`);
console.log(`reasons off: ${cpu.off.toFixed(1)} µs CPU per /explain`);
console.log(`added: ${(100 * (cpu.on / cpu.off - 1)).toFixed(1)}% (goal ≤ 20%)`);
console.log(`principalReasons alone: ${grouping.toFixed(2)} µs CPU per row`);
