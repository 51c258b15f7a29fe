/**
 * The two events on the stream, as JSON: a scored row (the inference log's record and its
 * row in the request) and an accepted outcome (the claim as the consumer replays it). Each
 * has an event id (request id, version, row; or request id and id), from which the
 * consumer writes a redelivery once. A message is a packed run of events on one subject (a
 * JSON array of up to 100 events or 256 KiB) whose `Nats-Msg-Id` names its first and last
 * event, so JetStream drops a re-publish of the same pack; a message holding one event as
 * a JSON object (the format before packing) reads the same, its id being the event's.
 */
import { z } from "zod";
import { inputsJson } from "../inference_log/json.ts";
import type { InferenceRecord } from "../inference_log/types.ts";

/** A scored row as read back from the stream. */
export interface ScoredEvent {
  kind: "scored";
  /** The message id: request id, model version and row. */
  msgId: string;
  /** Position of the row in its request (0-based). */
  row: number;
  record: InferenceRecord;
}

/** An accepted outcome as read back from the stream. */
export interface OutcomeEvent {
  kind: "outcome";
  msgId: string;
  /** The model version of the prediction the outcome joined. */
  modelVersion: string;
  /** The claim in POST /feedback's shape, joined by request_id (and id for a batch). */
  claim: { request_id: string; id?: string; outcome: 0 | 1; observed_at: string };
  /** The key column `id` joins on (the version's manifest key), when the claim has an id. */
  key?: string;
}

/** One event from the stream. */
export type StreamEvent = ScoredEvent | OutcomeEvent;

/** Message id of row `row` of a request scored by `version`. */
export function scoredMsgId(requestId: string, version: string, row: number): string {
  return `scored/${requestId}/${version}/${row}`;
}

/** Message id of the outcome of a prediction (request id, and id within a batch). */
export function outcomeMsgId(requestId: string, id: string | undefined): string {
  return `outcome/${requestId}/${id ?? ""}`;
}

/** Most events in one packed message. */
export const PACK_MAX_EVENTS = 100;

/** Most bytes of a packed message's body (an event larger than this goes alone). */
export const PACK_MAX_BYTES = 256 * 1024;

/** Message id of a packed run of `count` events, from its first and last event ids. */
export function packedMsgId(first: string, last: string, count: number): string {
  return `packed/${count}/${first}/${last}`;
}

/**
 * JSON bytes of a scored row: every field of the record (so a field the log gains travels
 * too), the inputs as the client's own bytes when the record has them.
 */
export function encodeScored(record: InferenceRecord, row: number): Uint8Array {
  const { inputs, inputsUtf8, score, ...fields } = record;
  const head = UTF8.encode(
    JSON.stringify({ kind: "scored", row, ...fields, score: Number.isFinite(score) ? score : null })
      .slice(0, -1) + ',"inputs":',
  );
  const body = inputsUtf8 ?? UTF8.encode(inputsJson(inputs));
  const out = new Uint8Array(head.length + body.length + 1);
  out.set(head);
  out.set(body, head.length);
  out[out.length - 1] = CLOSE_BRACE;
  return out;
}

const CLOSE_BRACE = "}".charCodeAt(0);

/** JSON bytes of an outcome event. */
export function encodeOutcome(event: Omit<OutcomeEvent, "kind" | "msgId">): Uint8Array {
  return UTF8.encode(JSON.stringify({ kind: "outcome", ...event }));
}

// Loose: fields a newer server adds to the record are kept and handed to the log.
const Scored = z.looseObject({
  kind: z.literal("scored"),
  row: z.int().nonnegative(),
  requestId: z.string(),
  time: z.string(),
  modelVersion: z.string(),
  endpoint: z.string(),
  score: z.number().nullable(),
  tier: z.string(),
  inputs: z.record(z.string(), z.unknown()),
});

const Outcome = z.object({
  kind: z.literal("outcome"),
  modelVersion: z.string(),
  claim: z.object({
    request_id: z.string(),
    id: z.string().optional(),
    outcome: z.union([z.literal(0), z.literal(1)]),
    observed_at: z.string(),
  }),
  key: z.string().optional(),
});

const Event = z.discriminatedUnion("kind", [Scored, Outcome]);

/**
 * Reads one message's event; throws a SyntaxError naming the subject and the rule broken.
 * @example
 * ```ts
 * import { decodeEvent, encodeScored } from "./events.ts";
 * const record = {
 *   requestId: "r1", time: "2026-01-01T00:00:00.000Z", modelVersion: "v0001",
 *   endpoint: "/predict", inputs: { AMT_CREDIT: 1 }, score: 0.1, tier: "low",
 * };
 * const event = decodeEvent("riskpipe.scored.predict.v0001", "m1", encodeScored(record, 0));
 * if (event.kind !== "scored" || event.record.inputs.AMT_CREDIT !== 1) throw new Error("bad");
 * ```
 */
export function decodeEvent(subject: string, msgId: string, data: Uint8Array): StreamEvent {
  return readEvent(`"${subject}"`, msgId, parseJson(subject, data));
}

/** The event in `json`; `where` names the message (and the event in a pack) in an error. */
function readEvent(where: string, msgId: string, json: unknown): StreamEvent {
  const parsed = Event.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SyntaxError(
      `Cannot read message on ${where}: field "${issue.path.join(".")}" ${issue.message}`,
    );
  }
  const event = parsed.data;
  if (event.kind === "outcome") {
    const { kind, modelVersion, claim, key } = event;
    return { kind, msgId, modelVersion, claim, ...(key === undefined ? {} : { key }) };
  }
  const { kind: _kind, row, score, ...record } = event;
  return {
    kind: "scored",
    msgId,
    row,
    record: { ...record, score: score ?? NaN } as InferenceRecord,
  };
}

/**
 * Reads one message's events: a packed message (a JSON array) gives each of its events
 * with its own event id, a message of one event (a JSON object, as before packing) gives
 * that event with `msgId`; throws a SyntaxError naming the subject (and the event's index
 * in a pack) and the rule broken, for the whole message.
 * @example
 * ```ts
 * import { decodeMessage, encodeScored } from "./events.ts";
 * const record = {
 *   requestId: "r1", time: "2026-01-01T00:00:00.000Z", modelVersion: "v0001",
 *   endpoint: "/predict", inputs: { AMT_CREDIT: 1 }, score: 0.1, tier: "low",
 * };
 * const one = new TextDecoder().decode(encodeScored(record, 0));
 * const packed = new TextEncoder().encode(`[${one},${one.replace('"row":0', '"row":1')}]`);
 * const events = decodeMessage("riskpipe.scored.predict.v0001", "p", packed);
 * if (events.map((e) => e.msgId).join() !== "scored/r1/v0001/0,scored/r1/v0001/1") {
 *   throw new Error("bad ids");
 * }
 * ```
 */
export function decodeMessage(subject: string, msgId: string, data: Uint8Array): StreamEvent[] {
  const json = parseJson(subject, data);
  if (!Array.isArray(json)) return [readEvent(`"${subject}"`, msgId, json)];
  return json.map((item, i) => {
    const event = readEvent(`"${subject}" (event ${i} of a pack)`, "", item);
    event.msgId = event.kind === "scored"
      ? scoredMsgId(event.record.requestId, event.record.modelVersion, event.row)
      : outcomeMsgId(event.claim.request_id, event.claim.id);
    return event;
  });
}

function parseJson(subject: string, data: Uint8Array): unknown {
  try {
    return JSON.parse(UTF8_DECODER.decode(data));
  } catch (error) {
    throw new SyntaxError(`Cannot read message on "${subject}": not JSON (${error})`);
  }
}

const UTF8 = new TextEncoder();
const UTF8_DECODER = new TextDecoder();
