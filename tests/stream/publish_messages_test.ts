import assert from "node:assert/strict";
import {
  decodeMessage,
  encodeOutcome,
  encodeScored,
  PACK_MAX_BYTES,
  PACK_MAX_EVENTS,
  scoredMsgId,
} from "../../lib/stream/events.ts";
import { packMessages, packRuns } from "../../lib/stream/publish_messages.ts";
import type { InferenceRecord } from "../../lib/inference_log/types.ts";

const record = (
  requestId: string,
  inputs: Record<string, unknown> = { A: 1 },
): InferenceRecord => ({
  requestId,
  time: "2026-01-02T03:04:05.000Z",
  modelVersion: "v0001",
  endpoint: "/predict",
  inputs,
  score: 0.25,
  tier: "medium",
});

const scored = (requestId: string, subject = "riskpipe.scored.predict.v0001", row = 0) => ({
  subject,
  msgId: scoredMsgId(requestId, "v0001", row),
  data: encodeScored(record(requestId), row),
});

Deno.test("a run on one subject packs 100 events a message, each message one JSON array", () => {
  const events = Array.from({ length: 250 }, (_, i) => scored(`r${i}`));
  const messages = packRuns(packMessages(events));
  assert.deepEqual(messages.map((m) => m.count), [100, 100, 50]);
  assert.equal(PACK_MAX_EVENTS, 100);
  assert.deepEqual(
    messages.map((m) => m.msgId),
    [
      "packed/100/scored/r0/v0001/0/scored/r99/v0001/0",
      "packed/100/scored/r100/v0001/0/scored/r199/v0001/0",
      "packed/50/scored/r200/v0001/0/scored/r249/v0001/0",
    ],
  );
  const read = messages.flatMap((m) => decodeMessage(m.subject, m.msgId, m.data));
  assert.deepEqual(read.map((e) => e.msgId), events.map((e) => e.msgId));
  assert.deepEqual(read[7], {
    kind: "scored",
    msgId: events[7].msgId,
    row: 0,
    record: record("r7"),
  });
});

Deno.test("a change of subject starts a new pack, keeping the events' order", () => {
  const outcome = {
    subject: "riskpipe.outcome.v0001",
    msgId: "outcome/r1/",
    data: encodeOutcome({
      modelVersion: "v0001",
      claim: { request_id: "r1", outcome: 1, observed_at: "2026-01-03T00:00:00.000Z" },
    }),
  };
  const events = [scored("r1"), scored("r2"), outcome, scored("r3", "riskpipe.scored.x.v0001")];
  const messages = packRuns(packMessages(events));
  assert.deepEqual(messages.map((m) => [m.subject, m.count]), [
    ["riskpipe.scored.predict.v0001", 2],
    ["riskpipe.outcome.v0001", 1],
    ["riskpipe.scored.x.v0001", 1],
  ]);
  const read = messages.flatMap((m) => decodeMessage(m.subject, m.msgId, m.data));
  assert.deepEqual(read.map((e) => [e.kind, e.msgId]), [
    ["scored", "scored/r1/v0001/0"],
    ["scored", "scored/r2/v0001/0"],
    ["outcome", "outcome/r1/"],
    ["scored", "scored/r3/v0001/0"],
  ]);
});

Deno.test("a pack stays within 256 KiB; an event larger than that goes alone", () => {
  const big = (id: string, bytes: number) => ({
    subject: "s",
    msgId: id,
    data: encodeScored(record(id, { TEXT: "x".repeat(bytes) }), 0),
  });
  const events = [big("a", 100_000), big("b", 100_000), big("c", 100_000), big("d", 300_000)];
  const messages = packRuns(packMessages(events));
  assert.deepEqual(messages.map((m) => m.count), [2, 1, 1]);
  for (const m of messages.slice(0, 2)) assert.ok(m.data.length <= PACK_MAX_BYTES);
  assert.ok(messages[2].data.length > PACK_MAX_BYTES);
  // Exactly at the limit: brackets and commas counted.
  const fit = events.slice(0, 2).map((e) => e.data.length).reduce((a, b) => a + b) + 3;
  assert.equal(messages[0].data.length, fit);
});

Deno.test("the same events pack the same, so a re-sent pack has the same message id", () => {
  const events = Array.from({ length: 130 }, (_, i) => scored(`r${i}`));
  const once = packRuns(packMessages(events));
  const again = packRuns(packMessages(events));
  assert.deepEqual(again.map((m) => m.msgId), once.map((m) => m.msgId));
  assert.deepEqual(again[1].data, once[1].data);
});

Deno.test("a message of one event (before packing) reads with its own message id", () => {
  const [event] = decodeMessage("s", "scored/r1/v0001/4", encodeScored(record("r1"), 4));
  assert.deepEqual(event, {
    kind: "scored",
    msgId: "scored/r1/v0001/4",
    row: 4,
    record: record("r1"),
  });
});

Deno.test("a pack with one bad event fails whole, naming the event", () => {
  const good = new TextDecoder().decode(encodeScored(record("r1"), 0));
  const data = new TextEncoder().encode(`[${good},{"kind":"scored","row":-1}]`);
  assert.throws(
    () => decodeMessage("riskpipe.scored.x.v1", "p", data),
    (e: Error) =>
      e instanceof SyntaxError &&
      /^Cannot read message on "riskpipe\.scored\.x\.v1" \(event 1 of a pack\): field "row"/.test(
        e.message,
      ),
  );
});
