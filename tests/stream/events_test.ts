import assert from "node:assert/strict";
import {
  decodeEvent,
  encodeOutcome,
  encodeScored,
  outcomeMsgId,
  scoredMsgId,
} from "../../lib/stream/events.ts";
import type { InferenceRecord } from "../../lib/inference_log/types.ts";

const RECORD: InferenceRecord = {
  requestId: "r1",
  time: "2026-01-02T03:04:05.000Z",
  modelVersion: "v0001",
  endpoint: "/predict",
  inputs: { AMT_CREDIT: 1, NAME: "x" },
  score: 0.25,
  tier: "medium",
};

Deno.test("a scored row reads back as it was logged, with its row in the request", () => {
  const event = decodeEvent("s", "m", encodeScored(RECORD, 3));
  assert.deepEqual(event, { kind: "scored", msgId: "m", row: 3, record: RECORD });
});

Deno.test("a scored row carries the client's own input bytes when the record has them", () => {
  const inputsUtf8 = new TextEncoder().encode('{"AMT_CREDIT":1.50,"NAME":"x"}');
  const event = decodeEvent("s", "m", encodeScored({ ...RECORD, inputsUtf8 }, 0));
  assert.equal(event.kind, "scored");
  if (event.kind === "scored") {
    assert.deepEqual(event.record.inputs, { AMT_CREDIT: 1.5, NAME: "x" });
  }
});

Deno.test("a row without a score (NaN) travels as null and reads back as NaN", () => {
  const event = decodeEvent("s", "m", encodeScored({ ...RECORD, score: NaN }, 0));
  assert.ok(event.kind === "scored" && Number.isNaN(event.record.score));
});

Deno.test("an outcome reads back with its claim and key", () => {
  const claim = { request_id: "r1", id: "7", outcome: 1 as const, observed_at: "2026-01-03" };
  const event = decodeEvent("s", "m", encodeOutcome({ modelVersion: "v1", claim, key: "SK" }));
  assert.deepEqual(event, { kind: "outcome", msgId: "m", modelVersion: "v1", claim, key: "SK" });
});

Deno.test("a message that is not an event names the subject and the field", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  assert.throws(
    () => decodeEvent("riskpipe.scored.x.v1", "m", bytes("{oops")),
    (e: Error) => e instanceof SyntaxError && /"riskpipe\.scored\.x\.v1": not JSON/.test(e.message),
  );
  const noRow = JSON.stringify({
    ...JSON.parse(new TextDecoder().decode(encodeScored(RECORD, 0))),
    row: -1,
  });
  assert.throws(
    () => decodeEvent("riskpipe.scored.x.v1", "m", bytes(noRow)),
    /Cannot read message on "riskpipe\.scored\.x\.v1": field "row"/,
  );
});

Deno.test("message ids tell rows, versions and outcomes apart", () => {
  const ids = [
    scoredMsgId("r1", "v1", 0),
    scoredMsgId("r1", "v1", 1),
    scoredMsgId("r1", "v2", 0),
    outcomeMsgId("r1", undefined),
    outcomeMsgId("r1", "7"),
  ];
  assert.equal(new Set(ids).size, ids.length);
});

Deno.test("a field the record gains (a newer server's) travels and reads back", () => {
  const wider = { ...RECORD, pairId: "p1" } as InferenceRecord;
  const event = decodeEvent("s", "m", encodeScored(wider, 0));
  assert.ok(event.kind === "scored");
  assert.equal((event.record as unknown as Record<string, unknown>).pairId, "p1");
});
