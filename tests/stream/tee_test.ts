import assert from "node:assert/strict";
import { createMemoryOutcomeStore, type InferenceRecord } from "../../lib/inference_log/mod.ts";
import type { OutcomeEvent } from "../../lib/stream/events.ts";
import type { StreamPublisher } from "../../lib/stream/publisher.ts";
import { streamingLogStore, streamingOutcomeStore } from "../../lib/stream/tee.ts";
import { memoryLog } from "../serve/harness.ts";

function fakeStream() {
  const scored: InferenceRecord[][] = [];
  const outcomes: Omit<OutcomeEvent, "kind" | "msgId">[] = [];
  const stream: StreamPublisher = {
    publishScored: (records) => void scored.push([...records]),
    publishOutcome: (event) => void outcomes.push(event),
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
    stats: () => ({ written: 1, dropped: 2, failures: 3, pending: 4 }),
  };
  return { stream, scored, outcomes };
}

const row = (requestId: string, id: number): InferenceRecord => ({
  requestId,
  time: "2026-11-01T00:00:00.000Z",
  modelVersion: "v0001",
  endpoint: "/predict/batch",
  inputs: { SK_ID_CURR: id },
  score: 0.1,
  tier: "low",
});

Deno.test("each append goes to the log and, as one call, to the stream; stream stats are exposed", () => {
  const log = memoryLog();
  const { stream, scored } = fakeStream();
  const store = streamingLogStore(log, stream);
  store.append([row("a", 1), row("a", 2)]);
  assert.equal(log.records.length, 2);
  assert.deepEqual(scored.map((call) => call.length), [2]);
  assert.deepEqual(store.streamStats?.(), { written: 1, dropped: 2, failures: 3, pending: 4 });
  assert.equal(store.stats().written, 2);
});

Deno.test("only accepted outcomes are published, joined by request id (and id in a batch)", async () => {
  const log = [row("a", 1), row("a", 2), row("b", 3)];
  const { stream, outcomes } = fakeStream();
  const store = streamingOutcomeStore(createMemoryOutcomeStore(log), stream);
  const now = new Date("2026-12-01T00:00:00Z");
  const summary = await store.record([
    { request_id: "a", id: "2", outcome: 1, observed_at: "2026-11-20" },
    { id: "3", outcome: 0, observed_at: "2026-11-20" },
    { request_id: "never", outcome: 1, observed_at: "2026-11-20" },
    { request_id: "a", id: "2", outcome: 1, observed_at: "2026-11-20" },
  ], { now, key: "SK_ID_CURR" });
  assert.deepEqual([summary.accepted, summary.rejected, summary.duplicate], [2, 1, 1]);
  assert.deepEqual(outcomes, [
    {
      modelVersion: "v0001",
      claim: { request_id: "a", id: "2", outcome: 1, observed_at: "2026-11-20T00:00:00.000Z" },
      key: "SK_ID_CURR",
    },
    {
      modelVersion: "v0001",
      claim: { request_id: "b", id: "3", outcome: 0, observed_at: "2026-11-20T00:00:00.000Z" },
      key: "SK_ID_CURR",
    },
  ]);
});
