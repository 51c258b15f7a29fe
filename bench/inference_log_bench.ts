/**
 * Inference-log write throughput. `deno bench -A bench/inference_log_bench.ts` times
 * batches of 500 records written to SQLite (node:sqlite, WAL, one prepared insert in a
 * transaction per batch), to PostgreSQL when RISKPIPE_TEST_DATABASE_URL is set (run
 * `.ci/postgres.sh` first; the bench drops and recreates its log table), and the cost of
 * `append` on the request path. Records/s = 500 / time per batch. For records/s printed
 * and the event loop's share of each batch (the synchronous part of write()) directly:
 *
 *   deno run -A bench/inference_log_bench.ts --records 200000 [--batch 500]
 */
import { join } from "node:path";
import postgres from "postgres";
import {
  createBufferedLogStore,
  type InferenceRecord,
  type LogSink,
  openPostgresSink,
  openSqliteSink,
} from "../lib/inference_log/mod.ts";
import { createRng } from "../lib/random/mod.ts";

const BATCH = 500;
const databaseUrl = Deno.env.get("RISKPIPE_TEST_DATABASE_URL");

/** Records shaped like /predict's: 20 numeric and 5 categorical inputs. */
function makeRecords(n: number, seed: number): InferenceRecord[] {
  const rng = createRng(seed);
  const start = Date.UTC(2026, 10, 1);
  return Array.from({ length: n }, (_, i) => {
    const inputs: Record<string, unknown> = { SK_ID_CURR: 100000 + i };
    for (let j = 0; j < 20; j++) inputs[`AMT_${j}`] = Math.round(rng.float() * 1e7) / 100;
    for (let j = 0; j < 5; j++) inputs[`CAT_${j}`] = rng.float() < 0.5 ? "Working" : "Pensioner";
    return {
      requestId: crypto.randomUUID(),
      time: new Date(start + i).toISOString(),
      modelVersion: "v0001",
      endpoint: "/predict",
      inputs,
      score: rng.float(),
      tier: "medium",
    };
  });
}

async function resetPostgres(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql`drop table if exists inference_log`;
  await sql.end();
}

/** Records/s through `sink`, and the event loop's share: milliseconds per batch spent in write(). */
async function throughput(sink: LogSink, records: InferenceRecord[], batch: number) {
  const started = performance.now();
  let handOver = 0;
  for (let i = 0; i < records.length; i += batch) {
    const slice = records.slice(i, i + batch);
    const t = performance.now();
    const written = sink.write(slice);
    handOver += performance.now() - t;
    await written;
  }
  const seconds = (performance.now() - started) / 1000;
  const batches = Math.ceil(records.length / batch);
  return `${Math.round(records.length / seconds)} records/s, ${
    (handOver / batches).toFixed(2)
  } ms of event loop per batch of ${batch}`;
}

if (import.meta.main && Deno.args.length > 0) {
  const value = (flag: string, fallback: number) => {
    const at = Deno.args.indexOf(flag);
    return at >= 0 ? Number(Deno.args[at + 1]) : fallback;
  };
  const n = value("--records", 200_000);
  const batch = value("--batch", BATCH);
  const records = makeRecords(n, 1);
  const dir = await Deno.makeTempDir({ prefix: "log-bench-" });
  const sqlite = await openSqliteSink(join(dir, "log.db"));
  console.log(`sqlite   ${await throughput(sqlite, records, batch)}`);
  await sqlite.close();
  await Deno.remove(dir, { recursive: true });
  if (databaseUrl) {
    await resetPostgres(databaseUrl);
    const pg = await openPostgresSink(databaseUrl);
    await pg.write(records.slice(0, 1)); // creates the table outside the timing
    console.log(`postgres ${await throughput(pg, records, batch)}`);
    await pg.close();
    await resetPostgres(databaseUrl);
  } else console.log("postgres skipped: RISKPIPE_TEST_DATABASE_URL is not set");
} else {
  const records = makeRecords(BATCH, 1);
  const dir = await Deno.makeTempDir({ prefix: "log-bench-" });
  const sqlite = await openSqliteSink(join(dir, "log.db"));
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
  Deno.bench({
    name: `sqlite: write a batch of ${BATCH} records`,
    group: "write",
    baseline: true,
    async fn() {
      await sqlite.write(records);
    },
  });
  if (databaseUrl) {
    await resetPostgres(databaseUrl);
    const pg = await openPostgresSink(databaseUrl);
    Deno.bench({
      name: `postgres: write a batch of ${BATCH} records`,
      group: "write",
      async fn() {
        await pg.write(records);
      },
    });
  }
  const sink: LogSink = {
    write: () => Promise.resolve(),
    readWindow: () => Promise.resolve([]),
    close: () => Promise.resolve(),
  };
  const store = createBufferedLogStore(sink, { batchSize: 1e9, flushMs: 1e9, maxPending: 1e9 });
  let i = 0;
  Deno.bench({
    name: "append one record (the request path's share)",
    fn() {
      store.append([records[i++ % BATCH]]);
      if (i % 100_000 === 0) void store.flush();
    },
  });
}
