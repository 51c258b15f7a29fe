/**
 * Shadow pair ids on a real PostgreSQL (RISKPIPE_TEST_DATABASE_URL, as
 * postgres.integration.ts): stored and read back, and a log table made before pair ids
 * gets the column on first use and keeps its rows.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { openPostgresSink } from "../../lib/inference_log/mod.ts";
import { makeRecords } from "../inference_log/fixtures.ts";

const url = Deno.env.get("RISKPIPE_TEST_DATABASE_URL");
if (!url) {
  throw new Error(
    'Cannot run the PostgreSQL integration test: RISKPIPE_TEST_DATABASE_URL is not set (run `eval "$(bash .ci/postgres.sh)"` first)',
  );
}
const databaseUrl: string = url;
const WHOLE = [new Date(0), new Date(Date.UTC(2100, 0))] as const;

async function run(statement: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await sql.unsafe(statement).simple();
  await sql.end();
}

Deno.test("a shadow pair's pair id, shadow flag and latencies are stored in PostgreSQL and read back", async () => {
  await run("drop table if exists inference_log");
  const sink = await openPostgresSink(databaseUrl);
  const [champion, challenger, alone] = makeRecords(3);
  const records = [
    { ...champion, pairId: "req-7", latencyMs: 1.25 },
    { ...challenger, modelVersion: "v0002", pairId: "req-7", shadow: true, latencyMs: 3.5 },
    alone,
  ];
  await sink.write(records);
  const back = await sink.readWindow(...WHOLE, 0, 100);
  await sink.close();
  assert.deepEqual(back.map(({ id: _, ...rest }) => rest), records);
});

Deno.test("a PostgreSQL log table from before pair ids gets the column and keeps its rows", async () => {
  await run(`drop table if exists inference_log;
    create table inference_log (
      id bigserial primary key, request_id text not null, "time" timestamptz not null,
      model_version text not null, endpoint text not null, inputs jsonb not null,
      score double precision, tier text not null);
    insert into inference_log (request_id, "time", model_version, endpoint, inputs, score, tier)
      values ('old-1', '2026-11-01T00:00:00Z', 'v0001', '/predict', '{"a": 1}', 0.25, 'low');`);
  const sink = await openPostgresSink(databaseUrl);
  const [record] = makeRecords(1);
  await sink.write([{ ...record, pairId: "req-1" }]);
  const back = await sink.readWindow(...WHOLE, 0, 100);
  await sink.close();
  assert.deepEqual(back.map((r) => [r.requestId, r.pairId]), [
    ["old-1", undefined],
    [record.requestId, "req-1"],
  ]);
});
