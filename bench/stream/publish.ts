/**
 * JetStream publish throughput through the server's publisher (lib/stream/publisher.ts):
 * scored rows appended in requests of `rows` rows, as /predict/batch does, as fast as the
 * buffer takes them (the producer waits while more than `window` events are pending, so
 * nothing is dropped), until JetStream has acknowledged every one.
 *
 *   deno run -A bench/stream/publish.ts <nats url> [events (default 200000)] [rows (default 100)]
 *
 * Prints events/s, the goal (≥ 20,000 events/s) and the publisher's counters; exits 1 when
 * an event was dropped or the goal was missed.
 */
import { createStreamPublisher } from "../../lib/stream/publisher.ts";
import type { InferenceRecord } from "../../lib/inference_log/types.ts";

const GOAL_EVENTS_PER_SECOND = 20_000;
const [url, eventsText, rowsText] = Deno.args;
if (url === undefined) throw new Error("Usage: publish.ts <nats url> [events] [rows]");
const events = Number(eventsText ?? "200000");
const rowsPerRequest = Number(rowsText ?? "100");
const window = 20_000;

// An applicant-sized row (about 120 fields, as Home Credit's application table).
const inputs: Record<string, unknown> = {};
for (let i = 0; i < 120; i++) inputs[`FIELD_${i}`] = i % 3 === 0 ? `level_${i}` : i * 1.5;
const inputsUtf8 = new TextEncoder().encode(JSON.stringify(inputs));

const stream = createStreamPublisher({ url });
// Connect and create the stream before the clock starts.
stream.publishScored([record("warm-up", 0)]);
await stream.flush();
if (stream.stats().written !== 1) throw new Error(`Cannot publish to ${url}: the warm-up failed`);

const start = performance.now();
let sent = 0;
let request = 0;
while (sent < events) {
  const count = Math.min(rowsPerRequest, events - sent);
  const time = new Date().toISOString();
  stream.publishScored(Array.from({ length: count }, () => record(`bench-${request}`, time)));
  request += 1;
  sent += count;
  while (stream.stats().pending > window) await new Promise((r) => setTimeout(r, 1));
}
for (let attempt = 0; attempt < 100 && stream.stats().pending > 0; attempt++) await stream.flush();
const seconds = (performance.now() - start) / 1000;
const stats = stream.stats();
await stream.close();
const rate = (stats.written - 1) / seconds;
console.log(
  `JetStream publish: ${events} events (${rowsPerRequest} rows per request) in ${
    seconds.toFixed(2)
  } s: ${Math.round(rate)} events/s (goal ≥ ${GOAL_EVENTS_PER_SECOND}); ` +
    `published ${stats.written - 1}, dropped ${stats.dropped}, failed batches ${stats.failures}`,
);
Deno.exit(stats.dropped === 0 && rate >= GOAL_EVENTS_PER_SECOND ? 0 : 1);

function record(requestId: string, time: string | number): InferenceRecord {
  return {
    requestId,
    time: typeof time === "string" ? time : new Date().toISOString(),
    modelVersion: "v0001",
    endpoint: "/predict/batch",
    inputs,
    inputsUtf8,
    score: 0.1,
    tier: "low",
  };
}
