/**
 * What principal reasons cost `/explain`: the server's CPU time per request with the
 * version's reason table on and off, side by side, in one process (createApp with
 * app.request, no sockets, no access log, an in-memory log), alternating rounds so that
 * other load on the machine falls on both sides alike. The goal: reasons add at
 * most 20% to /explain's CPU per request.
 *
 *   deno run -A bench/serve/reasons_bench.ts [repo dir with a repro'd data/ (default .)] [requests per round (default 500)] [rounds (default 7)]
 *
 * "Off" serves the same loaded version with its reason index removed, so the request
 * path differs only by the grouping of the SHAP vector into principal reasons.
 */
import { join } from "node:path";
import process from "node:process";
import { openDuckDb, queryRows, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { createMemoryLogStore } from "../../lib/inference_log/mod.ts";
import { productionVersion } from "../../lib/registry/mod.ts";
import { createLiveModel, loadServingModel, type ServingModel } from "../../lib/scoring/mod.ts";
import { principalReasons } from "../../lib/governance/reasons/mod.ts";
import { createApp } from "../../serve/app.ts";

const [repo = ".", perRoundText = "500", roundsText = "7"] = Deno.args;
const perRound = Number(perRoundText);
const rounds = Number(roundsText);
const registry = join(repo, "data/registry");
const version = await productionVersion(registry);
if (version === undefined) throw new Error(`No version is in Production in ${registry}`);
const model = await loadServingModel(registry, version);
const conn = await openDuckDb();
const rows = await queryRows(
  conn,
  `select * exclude (TARGET) from read_parquet(${
    quoteLiteral(join(repo, "data/raw/parquet/application_train.parquet"))
  }) limit 200`,
);
conn.closeSync();
const bodies = rows.map((row) =>
  JSON.stringify(row, (_, v) => typeof v === "bigint" ? Number(v) : v)
);

function appServing(served: ServingModel) {
  const live = createLiveModel({
    productionVersion: () => Promise.resolve(version),
    load: () => Promise.resolve(served),
  });
  return {
    live,
    app: createApp({ model: live, logStore: createMemoryLogStore(), onServerError: console.error }),
  };
}

const on = appServing(model);
// The same version without its reason index: principalReasons are left empty.
const off = appServing({ ...model, reasons: undefined, release: () => Promise.resolve() });
await on.live.reload();
await off.live.reload();

let next = 0;
async function explainRound(app: ReturnType<typeof createApp>, n: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const res = await app.request("/explain", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: bodies[next++ % bodies.length],
    });
    if (res.status !== 200) throw new Error(`/explain answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / n;
}

await explainRound(on.app, 200);
await explainRound(off.app, 200);
const onTimes: number[] = [];
const offTimes: number[] = [];
for (let r = 0; r < rounds; r++) {
  // Each side goes first in every other round, so neither always follows the other's garbage.
  if (r % 2 === 0) {
    onTimes.push(await explainRound(on.app, perRound));
    offTimes.push(await explainRound(off.app, perRound));
  } else {
    offTimes.push(await explainRound(off.app, perRound));
    onTimes.push(await explainRound(on.app, perRound));
  }
}

// The grouping alone, on the SHAP vectors of the same rows.
const vectors = rows.map((row) => model.explain(model.featuresOf(row as Record<string, unknown>)));
const started = process.cpuUsage();
const calls = 20_000;
for (let i = 0; i < calls; i++) {
  principalReasons(model.reasons!, vectors[i % vectors.length].contributions);
}
const grouping = process.cpuUsage(started);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const onMedian = median(onTimes);
const offMedian = median(offTimes);
console.log(
  `model ${version} (${model.choice.kind}, ${model.manifest.features.length} features, reason table: ${
    model.reasons?.source === undefined ? "none" : "yes"
  }), ${rounds} rounds of ${perRound} /explain requests each way`,
);
console.log(`reasons on:  ${onMedian.toFixed(1)} µs CPU per /explain (median of rounds)`);
console.log(`reasons off: ${offMedian.toFixed(1)} µs CPU per /explain`);
console.log(`added: ${(100 * (onMedian / offMedian - 1)).toFixed(1)}% (goal ≤ 20%)`);
console.log(
  `principalReasons alone: ${
    ((grouping.user + grouping.system) / calls).toFixed(2)
  } µs CPU per row`,
);
await on.live.close();
await off.live.close();
