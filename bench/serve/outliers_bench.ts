/**
 * What outlier scoring costs `/predict`: the server's CPU time per request with the
 * version's outlier model on and off, side by side, in one process (createApp with
 * app.request, no sockets, no access log, an in-memory log), alternating rounds so that
 * other load on the machine falls on both sides alike. The goal: outlier scoring
 * adds at most 10% to /predict's CPU per request.
 *
 *   deno run -A bench/serve/outliers_bench.ts [repo dir with a repro'd data/ (default .)] [requests per round (default 1000)] [rounds (default 7)]
 *
 * "Off" serves the same loaded version without its outlier scorer (as a version registered
 * before outlier detection is served), so the request path differs only by the outlier
 * graph's onnxruntime run, the flag and the log fields.
 */
import { join } from "node:path";
import process from "node:process";
import { openDuckDb, queryRows, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { createMemoryLogStore } from "../../lib/inference_log/mod.ts";
import { productionVersion } from "../../lib/registry/mod.ts";
import { createLiveModel, loadServingModel, type ServingModel } from "../../lib/scoring/mod.ts";
import { createApp } from "../../serve/app.ts";

const [repo = ".", perRoundText = "1000", roundsText = "7"] = Deno.args;
const perRound = Number(perRoundText);
const rounds = Number(roundsText);
const registry = join(repo, "data/registry");
const version = await productionVersion(registry);
if (version === undefined) throw new Error(`No version is in Production in ${registry}`);
const model = await loadServingModel(registry, version);
if (model.outliers === undefined) {
  throw new Error(`Cannot bench outliers: ${version} has no outliers.onnx (train.outliers)`);
}
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
const off = appServing({ ...model, outliers: undefined, release: () => Promise.resolve() });
await on.live.reload();
await off.live.reload();

let next = 0;
async function predictRound(app: ReturnType<typeof createApp>, n: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const res = await app.request("/predict", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: bodies[next++ % bodies.length],
    });
    if (res.status !== 200) throw new Error(`/predict answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / n;
}

await predictRound(on.app, 300);
await predictRound(off.app, 300);
const onTimes: number[] = [];
const offTimes: number[] = [];
for (let r = 0; r < rounds; r++) {
  // Each side goes first in every other round, so neither always follows the other's garbage.
  if (r % 2 === 0) {
    onTimes.push(await predictRound(on.app, perRound));
    offTimes.push(await predictRound(off.app, perRound));
  } else {
    offTimes.push(await predictRound(off.app, perRound));
    onTimes.push(await predictRound(on.app, perRound));
  }
}

// The outlier graph alone, one row a run, on the same rows' features.
const vectors = rows.map((row) => model.featuresOf(row as Record<string, unknown>));
const started = process.cpuUsage();
const calls = 5_000;
for (let i = 0; i < calls; i++) await model.outliers.score(vectors[i % vectors.length], 1);
const alone = process.cpuUsage(started);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const onMedian = median(onTimes);
const offMedian = median(offTimes);
const m = model.outliers.model;
console.log(
  `model ${version} (${model.choice.kind}, ${model.manifest.features.length} features), outliers: ${m.forest.trees.length} trees, ${
    m.mahalanobis?.features.length ?? 0
  } Mahalanobis dims; ${rounds} rounds of ${perRound} /predict requests each way`,
);
console.log(`outliers on:  ${onMedian.toFixed(1)} µs CPU per /predict (median of rounds)`);
console.log(`outliers off: ${offMedian.toFixed(1)} µs CPU per /predict`);
console.log(`added: ${(100 * (onMedian / offMedian - 1)).toFixed(1)}% (goal ≤ 10%)`);
console.log(
  `outlier graph alone: ${((alone.user + alone.system) / calls).toFixed(2)} µs CPU per row`,
);
await on.live.close();
await off.live.close();
