/**
 * Replicas starting at once on one PostgreSQL log: each creates the log table on its first
 * write, at the same moment as the others. Needs RISKPIPE_TEST_DATABASE_URL
 * (`.ci/postgres.sh`); each round runs in a private schema dropped afterwards.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { openPostgresSink } from "../../lib/inference_log/mod.ts";
import { makeRecords } from "../inference_log/fixtures.ts";

const url = Deno.env.get("RISKPIPE_TEST_DATABASE_URL");
if (!url) {
  throw new Error(
    'Cannot run the PostgreSQL DDL integration test: RISKPIPE_TEST_DATABASE_URL is not set (run `eval "$(bash .ci/postgres.sh)"` first)',
  );
}
const databaseUrl: string = url;
const WRITERS = 8;
const ROUNDS = 5;

Deno.test("eight log writers creating the PostgreSQL table at once all succeed", async () => {
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const schema = `ddl_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
      await admin.unsafe(`create schema ${schema}`);
      const at = new URL(databaseUrl);
      at.searchParams.set("search_path", schema);
      const sinks = await Promise.all(
        Array.from({ length: WRITERS }, () => openPostgresSink(at.toString())),
      );
      try {
        const results = await Promise.allSettled(
          sinks.map((sink, i) => sink.write(makeRecords(3, i * 3))),
        );
        assert.deepEqual(
          results.filter((r) => r.status === "rejected").map((r) => String(r.reason)),
          [],
          `round ${round}`,
        );
        const [{ n }] = await admin.unsafe(
          `select count(*)::int as n from ${schema}.inference_log`,
        );
        assert.equal(n, WRITERS * 3);
      } finally {
        await Promise.all(sinks.map((sink) => sink.close()));
        await admin.unsafe(`drop schema ${schema} cascade`);
      }
    }
  } finally {
    await admin.end();
  }
});
