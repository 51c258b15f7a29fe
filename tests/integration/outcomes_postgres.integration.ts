/**
 * Outcomes on a real PostgreSQL: the same behaviours as the SQLite store
 * (tests/inference_log/outcome_cases.ts). Set RISKPIPE_TEST_DATABASE_URL as for
 * postgres.integration.ts (`eval "$(bash .ci/postgres.sh)"`); both tables are dropped first.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { openPostgresOutcomeStore, openPostgresSink } from "../../lib/inference_log/mod.ts";
import { defineOutcomeStoreTests, KEY, NOW, OUTCOME_LOG } from "../inference_log/outcome_cases.ts";

const url = Deno.env.get("RISKPIPE_TEST_DATABASE_URL");
if (!url) {
  throw new Error(
    'Cannot run the PostgreSQL outcomes test: RISKPIPE_TEST_DATABASE_URL is not set (run `eval "$(bash .ci/postgres.sh)"` first)',
  );
}
const databaseUrl: string = url;

async function resetTables(): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await sql`drop table if exists outcomes`;
  await sql`drop table if exists inference_log`;
  await sql.end();
}

async function countOutcomes(): Promise<number> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const [row] = await sql`select count(*)::int as n from outcomes`;
  await sql.end();
  return Number(row.n);
}

defineOutcomeStoreTests("postgres", async () => {
  await resetTables();
  const sink = await openPostgresSink(databaseUrl);
  await sink.write(OUTCOME_LOG);
  await sink.close();
  const store = await openPostgresOutcomeStore(databaseUrl);
  return {
    store,
    count: countOutcomes,
    dispose: async () => {
      await store.close();
      await resetTables();
    },
  };
});

Deno.test("postgres: concurrent writers store one outcome per prediction", async () => {
  await resetTables();
  const sink = await openPostgresSink(databaseUrl);
  await sink.write(OUTCOME_LOG);
  await sink.close();
  const stores = await Promise.all([1, 2, 3].map(() => openPostgresOutcomeStore(databaseUrl)));
  try {
    const row = { request_id: "a", outcome: 1, observed_at: "2026-11-20" };
    const summaries = await Promise.all(stores.map((s) => s.record([row], { now: NOW, key: KEY })));
    assert.deepEqual(summaries.map((s) => s.accepted).sort(), [0, 0, 1]);
    assert.deepEqual(summaries.map((s) => s.duplicate).sort(), [0, 1, 1]);
    assert.equal(await countOutcomes(), 1);
  } finally {
    await Promise.all(stores.map((s) => s.close()));
    await resetTables();
  }
});
