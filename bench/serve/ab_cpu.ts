/**
 * The in-process A/B harness of the serve benches that price one feature: the same loaded
 * version served twice by createApp (app.request, no sockets, no access log, an in-memory
 * log), once as loaded ("on") and once with the feature taken away ("off"), the server's
 * CPU per request measured in alternating rounds so that other load on the machine falls
 * on both sides alike.
 */
import { join } from "node:path";
import process from "node:process";
import { openDuckDb, queryRows, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { createMemoryLogStore } from "../../lib/inference_log/mod.ts";
import { productionVersion } from "../../lib/registry/mod.ts";
import { createLiveModel, loadServingModel, type ServingModel } from "../../lib/scoring/mod.ts";
import { createApp } from "../../serve/app.ts";

/** The Production version of a repro'd repo and 200 of its raw application rows. */
export interface BenchVersion {
  version: string;
  model: ServingModel;
  rows: Record<string, unknown>[];
  /** The rows as request bodies. */
  bodies: string[];
}

/** Loads the Production version of `repo`'s registry and 200 application rows. */
export async function loadBenchVersion(repo: string): Promise<BenchVersion> {
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
  return { version, model, rows: rows as Record<string, unknown>[], bodies };
}

/** What {@link compareCpu} runs. */
export interface CpuComparison {
  bench: BenchVersion;
  /** The version with the feature taken away. */
  off: ServingModel;
  endpoint: "/predict" | "/explain";
  perRound: number;
  rounds: number;
  /** Requests each side serves before the timed rounds. */
  warmup: number;
}

/** Median server CPU (µs) per request of each side. */
export async function compareCpu(o: CpuComparison): Promise<{ on: number; off: number }> {
  const on = await serving(o.bench.version, o.bench.model);
  const off = await serving(o.bench.version, o.off);
  let next = 0;
  const round = async (app: ReturnType<typeof createApp>, n: number): Promise<number> => {
    const before = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      const res = await app.request(o.endpoint, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: o.bench.bodies[next++ % o.bench.bodies.length],
      });
      if (res.status !== 200) {
        throw new Error(`${o.endpoint} answered ${res.status}: ${await res.text()}`);
      }
      await res.arrayBuffer();
    }
    const used = process.cpuUsage(before);
    return (used.user + used.system) / n;
  };
  await round(on, o.warmup);
  await round(off, o.warmup);
  const onTimes: number[] = [];
  const offTimes: number[] = [];
  for (let r = 0; r < o.rounds; r++) {
    // Each side goes first in every other round, so neither always follows the other's garbage.
    if (r % 2 === 0) {
      onTimes.push(await round(on, o.perRound));
      offTimes.push(await round(off, o.perRound));
    } else {
      offTimes.push(await round(off, o.perRound));
      onTimes.push(await round(on, o.perRound));
    }
  }
  return { on: median(onTimes), off: median(offTimes) };
}

/** CPU (µs) per call of `work`, called `calls` times. */
export async function cpuPerCall(calls: number, work: (i: number) => unknown): Promise<number> {
  const started = process.cpuUsage();
  for (let i = 0; i < calls; i++) await work(i);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / calls;
}

async function serving(version: string, served: ServingModel) {
  const live = createLiveModel({
    productionVersion: () => Promise.resolve(version),
    load: () => Promise.resolve(served),
  });
  await live.reload();
  return createApp({ model: live, logStore: createMemoryLogStore(), onServerError: console.error });
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}
