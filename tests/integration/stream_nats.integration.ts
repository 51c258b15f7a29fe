/**
 * Streaming on a real `nats-server -js` (Debian, started here on a free loopback port with
 * a temp store) and a real PostgreSQL (RISKPIPE_TEST_DATABASE_URL, as for
 * postgres.integration.ts; `eval "$(bash .ci/postgres.sh | grep '^export ')"`): rows scored
 * through the server's log path are published, the server is killed and started again on
 * the same store mid-stream, and the consumer writes every row into the PostgreSQL log
 * exactly once, even when the whole stream is delivered again.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import postgres from "postgres";
import { createMemoryOutcomeStore } from "../../lib/inference_log/mod.ts";
import { createJetStreamConnection } from "../../lib/stream/connection.ts";
import { consumeToPostgres } from "../../lib/stream/consumer.ts";
import { encodeScored, scoredMsgId } from "../../lib/stream/events.ts";
import { scoredSubject } from "../../lib/stream/subjects.ts";
import { createStreamPublisher, type StreamPublisher } from "../../lib/stream/publisher.ts";
import { streamingLogStore, streamingOutcomeStore } from "../../lib/stream/tee.ts";
import { splitLines } from "../process_lines.ts";
import { servingFixture } from "../scoring/serving_fixture.ts";
import { harness, memoryLog } from "../serve/harness.ts";
import { freePort, startNatsServer } from "./nats_server.ts";
import { runTool } from "./prometheus.ts";

const url = Deno.env.get("RISKPIPE_TEST_DATABASE_URL");
if (!url) {
  throw new Error(
    'Cannot run the streaming test: RISKPIPE_TEST_DATABASE_URL is not set (run `eval "$(bash .ci/postgres.sh)"` first)',
  );
}
const databaseUrl: string = url;
const MAIN = new URL("../../serve/main.ts", import.meta.url).pathname;

async function resetTables(): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await sql`drop table if exists outcomes`;
  await sql`drop table if exists inference_log`;
  await sql`drop table if exists stream_receipts`;
  await sql.end();
}

async function logCounts(): Promise<{ rows: number; distinct: number; outcomes: number }> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [log] = await sql`
      select count(*)::int as rows,
        count(distinct (request_id, inputs::text, endpoint))::int as distinct
      from inference_log`;
    const [outcomes] = await sql`select count(*)::int as n from outcomes`;
    return { rows: log.rows, distinct: log.distinct, outcomes: outcomes.n };
  } finally {
    await sql.end();
  }
}

/** Flushes until nothing is pending (the client reconnects by itself), within `timeoutMs`. */
async function published(stream: StreamPublisher, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (stream.stats().pending > 0) {
    if (Date.now() > deadline) {
      throw new Error(
        `Stream still has ${stream.stats().pending} events pending after ${timeoutMs} ms`,
      );
    }
    await stream.flush();
    // Waiting on a real server's reconnect: a short pause between attempts, bounded above.
    if (stream.stats().pending > 0) await new Promise((r) => setTimeout(r, 50));
  }
}

Deno.test({
  name: "a nats-server killed mid-stream loses nothing and the consumer writes each row once",
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  await resetTables();
  const storeDir = await Deno.makeTempDir({ prefix: "riskpipe-nats-" });
  const port = freePort();
  let nats = await startNatsServer(port, storeDir);
  const stream = createStreamPublisher({
    url: nats.url,
    batchSize: 50,
    flushMs: 5,
    maxBackoffMs: 100,
    ackTimeoutMs: 1_000,
    connectTimeoutMs: 1_000,
  });
  const log = memoryLog();
  try {
    await using h = await harness({
      logStore: streamingLogStore(log, stream),
      outcomes: streamingOutcomeStore(createMemoryOutcomeStore(log.records), stream),
    });
    const rows = h.fixture.testRows;
    const score = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const single = await h.post("/predict", rows[i % rows.length]);
        assert.equal(single.status, 200);
        await single.body?.cancel();
      }
      const batch = await h.post("/predict/batch", { rows });
      assert.equal(batch.status, 200);
      await batch.body?.cancel();
    };
    await score(40);
    await published(stream);
    const feedback = await h.post("/feedback", {
      request_id: "req-1",
      outcome: 1,
      observed_at: "2026-01-02T03:04:05Z",
    });
    assert.equal(feedback.status, 200, await feedback.text());

    await nats.kill(); // mid-stream: rows scored now wait in the buffer
    await score(40);
    const metrics = await (await h.app.request("/metrics")).text();
    assert.match(metrics, /^riskpipe_stream_pending [1-9]/m);
    nats = await startNatsServer(port, storeDir);
    await published(stream);
    // The first ten requests (one row each) again, packed anew: the consumer's receipts drop them.
    for (const record of log.records.slice(0, 10)) stream.publishScored([record]);
    await published(stream);

    const exposition = await (await h.app.request("/metrics")).text();
    assert.match(exposition, /^riskpipe_stream_dropped_total 0$/m);
    assert.match(exposition, /^riskpipe_stream_failures_total [1-9]/m);
    const check = await runTool("promtool", ["check", "metrics"], exposition);
    assert.equal(check.output.trim(), "", `promtool check metrics reported:\n${check.output}`);

    // A message that is not an event (another publisher's): terminated, counted, not retried.
    const other = createJetStreamConnection({ url: nats.url });
    const { js } = await other.open();
    await js.publish("riskpipe.scored.other.v0", "not json");
    // A row as one message of its own (the format before packing): read, and a duplicate.
    const old = log.records[0];
    await js.publish(scoredSubject(old.endpoint, old.modelVersion), encodeScored(old, 0), {
      msgID: scoredMsgId(old.requestId, old.modelVersion, 0),
    });
    await other.close();

    const expected = log.records.length;
    assert.equal(expected, 80 + 2 * rows.length);
    const first = await consumeToPostgres({
      natsUrl: nats.url,
      databaseUrl,
      untilIdle: true,
      onProblem: () => {},
    });
    assert.equal(first.scored, expected);
    assert.equal(first.outcomes, 1);
    assert.deepEqual([first.bad, first.rejected], [1, 0]);
    // The single-row message, and the ten re-published rows unless a pack matched one sent before.
    assert.ok(first.duplicates >= 1 && first.duplicates <= 11, `${first.duplicates} duplicates`);
    // A second durable reads the whole stream again: every event is a redelivery.
    const again = await consumeToPostgres({
      natsUrl: nats.url,
      databaseUrl,
      durable: "riskpipe-postgres-replay",
      untilIdle: true,
      onProblem: () => {},
    });
    assert.deepEqual(
      [again.scored, again.outcomes, again.duplicates],
      [0, 0, expected + 1 + first.duplicates],
    );
    // 40 single rows repeat 40 of the fixture's rows under their own request ids, so all are distinct.
    assert.deepEqual(await logCounts(), { rows: expected, distinct: expected, outcomes: 1 });
  } finally {
    await stream.close();
    await nats.kill();
    await Deno.remove(storeDir, { recursive: true });
    await resetTables();
  }
});

Deno.test({
  name: "serve/main.ts with NATS_URL publishes every scored row and says so when it stops",
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const fixture = await servingFixture();
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-serve-nats-" });
  const nats = await startNatsServer(freePort(), join(dir, "nats"));
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "--port", "0", "--registry", fixture.registry, "--no-watch"],
    stdout: "null",
    stderr: "piped",
    env: { NATS_URL: nats.url, RISKPIPE_LOG_DB: join(dir, "log.db"), RISKPIPE_ADMIN_TOKEN: "" },
  }).spawn();
  const seen: string[] = [];
  const lines = splitLines(child.stderr)[Symbol.asyncIterator]();
  const waitFor = async (pattern: RegExp): Promise<RegExpMatchArray> => {
    while (true) {
      const { value, done } = await lines.next();
      if (done) throw new Error(`serve exited before printing ${pattern}:\n${seen.join("\n")}`);
      seen.push(value);
      const match = value.match(pattern);
      if (match) return match;
    }
  };
  try {
    await waitFor(new RegExp(`JetStream at ${nats.url.replaceAll(".", "\\.")}`));
    const [, port] = await waitFor(/listening on http:\/\/[^:]+:(\d+)/);
    const res = await fetch(`http://127.0.0.1:${port}/predict/batch`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rows: fixture.testRows.slice(0, 25) }),
    });
    assert.equal(res.status, 200);
    await res.body?.cancel();
    child.kill("SIGTERM");
    await waitFor(/JetStream: 25 published, 0 dropped/);
    for await (const _ of { [Symbol.asyncIterator]: () => lines }) {
      // Drain the rest of stderr so the process can exit.
    }
    assert.equal((await child.status).code, 0);
  } finally {
    try {
      child.kill("SIGKILL");
    } catch {
      // already exited
    }
    await nats.kill();
    await Deno.remove(dir, { recursive: true });
  }
});
