/**
 * The inference log on a real PostgreSQL: set RISKPIPE_TEST_DATABASE_URL (`.ci/postgres.sh`
 * installs and starts one and prints the lines to export). The log table is dropped first;
 * with RISKPIPE_TEST_PG_CLUSTER ("15 main") the outage test stops and restarts that cluster.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import postgres from "postgres";
import { exportWindow, openLogStore, openPostgresSink } from "../../lib/inference_log/mod.ts";
import { openDuckDb, queryRows, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { makeRecords } from "../inference_log/fixtures.ts";

const url = Deno.env.get("RISKPIPE_TEST_DATABASE_URL");
if (!url) {
  throw new Error(
    'Cannot run the PostgreSQL integration test: RISKPIPE_TEST_DATABASE_URL is not set (run `eval "$(bash .ci/postgres.sh)"` first)',
  );
}
const databaseUrl: string = url;

async function dropLogTable(): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await sql`drop table if exists inference_log`;
  await sql.end();
}

const WHOLE = [new Date(0), new Date(Date.UTC(2100, 0))] as const;

Deno.test("records logged to PostgreSQL in batches read back unchanged", async () => {
  await dropLogTable();
  const store = await openLogStore({ databaseUrl, batchSize: 4, flushMs: 60_000 });
  const records = makeRecords(10);
  store.append(records);
  await store.close();
  assert.deepEqual(store.stats(), { written: 10, dropped: 0, failures: 0, pending: 0, lost: 0 });
  const sink = await openPostgresSink(databaseUrl);
  const back = await sink.readWindow(...WHOLE, 0, 100);
  await sink.close();
  assert.deepEqual(back.map(({ id: _, ...rest }) => rest), records);
});

Deno.test("a PostgreSQL log made before the outlier columns gains them, old rows null", async () => {
  await dropLogTable();
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await sql.unsafe(`create table inference_log (
    id bigserial primary key, request_id text not null, "time" timestamptz not null,
    model_version text not null, endpoint text not null, inputs jsonb not null,
    score double precision, tier text not null)`);
  await sql`insert into inference_log (request_id, "time", model_version, endpoint, inputs, score, tier)
    values ('old-1', '2026-10-31T00:00:00Z', 'v0001', '/predict', '{}', 0.5, 'low')`;
  await sql.end();
  const sink = await openPostgresSink(databaseUrl);
  const records = makeRecords(4);
  await sink.write(records);
  const back = await sink.readWindow(...WHOLE, 0, 100);
  await sink.close();
  assert.equal(back.length, 5);
  assert.equal("outlier" in back[0], false);
  assert.deepEqual(back.slice(1).map((r) => r.outlier), records.map((r) => r.outlier));
});

Deno.test("a batch with a bad record leaves no partial rows in PostgreSQL", async () => {
  await dropLogTable();
  const sink = await openPostgresSink(databaseUrl);
  const [a, b] = makeRecords(2);
  await assert.rejects(() => sink.write([a, { ...b, time: "not a date" }]), /not a date/);
  assert.equal((await sink.readWindow(...WHOLE, 0, 100)).length, 0);
  await sink.close();
});

Deno.test("exportWindow reads a PostgreSQL window into parquet exactly", async () => {
  await dropLogTable();
  const sink = await openPostgresSink(databaseUrl);
  const records = makeRecords(30, 5);
  await sink.write(records);
  await sink.close();
  const dir = await Deno.makeTempDir();
  try {
    const outPath = join(dir, "window.parquet");
    const result = await exportWindow({
      databaseUrl,
      from: new Date(records[10].time),
      to: new Date(records[25].time),
      outPath,
      chunkSize: 4,
    });
    assert.deepEqual(result, { rows: 15 });
    const conn = await openDuckDb();
    const rows = await queryRows(
      conn,
      `select request_id, score, AMT_CREDIT, CODE_GENDER from read_parquet(${
        quoteLiteral(outPath)
      })`,
    );
    conn.closeSync();
    assert.deepEqual(
      rows,
      records.slice(10, 25).map((r) => ({
        request_id: r.requestId,
        score: r.score,
        AMT_CREDIT: r.inputs.AMT_CREDIT,
        CODE_GENDER: r.inputs.CODE_GENDER,
      })),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("NUL characters in text and inputs do not stop a batch reaching PostgreSQL", async () => {
  await dropLogTable();
  const store = await openLogStore({ databaseUrl, flushMs: 60_000 });
  const [record] = makeRecords(1);
  store.append([{ ...record, tier: "lo\0w", inputs: { NAME: "x\0y" } }]);
  await store.close();
  assert.deepEqual(store.stats(), { written: 1, dropped: 0, failures: 0, pending: 0, lost: 0 });
  const sink = await openPostgresSink(databaseUrl);
  const [back] = await sink.readWindow(...WHOLE, 0, 10);
  await sink.close();
  assert.deepEqual([back.tier, back.inputs], ["low", { NAME: "xy" }]);
});

const cluster = Deno.env.get("RISKPIPE_TEST_PG_CLUSTER")?.split(" ");

function pgCtl(action: "start" | "stop"): void {
  const [version, name] = cluster!;
  const out = new Deno.Command("pg_ctlcluster", { args: [version, name, action] }).outputSync();
  if (!out.success) {
    throw new Error(
      `Cannot ${action} cluster ${version}/${name}: ${new TextDecoder().decode(out.stderr)}`,
    );
  }
}

Deno.test({
  name: "while PostgreSQL is stopped logging counts a failure and catches up once it is back",
  ignore: cluster === undefined || cluster.length !== 2,
  async fn() {
    await dropLogTable();
    const store = await openLogStore({ databaseUrl, flushMs: 60_000 });
    try {
      store.append(makeRecords(5, 1));
      await store.flush();
      pgCtl("stop");
      store.append(makeRecords(5, 2));
      await store.flush();
      assert.deepEqual(store.stats(), { written: 5, dropped: 0, failures: 1, pending: 5, lost: 0 });
    } finally {
      pgCtl("start");
    }
    await store.flush();
    await store.close();
    assert.deepEqual(store.stats(), { written: 10, dropped: 0, failures: 1, pending: 0, lost: 0 });
  },
});
