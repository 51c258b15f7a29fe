/**
 * Messages between the publisher and its worker (publish_worker.ts), and the packing of a
 * batch's events into JetStream messages.
 */
import type { JetStreamConnectionOptions } from "./connection.ts";
import { PACK_MAX_BYTES, PACK_MAX_EVENTS, packedMsgId } from "./events.ts";

/**
 * A batch of events packed for the worker: `data` holds every event's JSON, `ends[i]`
 * closes event i; `subjects[i]` and `msgIds[i]` are its subject and event id.
 */
export interface PackedMessages {
  subjects: string[];
  msgIds: string[];
  data: Uint8Array<ArrayBuffer>;
  ends: Uint32Array<ArrayBuffer>;
}

/** A request to the worker (a publish transfers the packed buffers). */
export type PublishRequest =
  | { id: number; op: "open"; options: JetStreamConnectionOptions; ackTimeoutMs: number }
  | { id: number; op: "publish"; messages: PackedMessages }
  | { id: number; op: "close" };

/** The worker's reply. */
export type PublishReply = { id: number; ok: true } | { id: number; ok: false; message: string };

/** Packs messages into one buffer, to transfer rather than copy. */
export function packMessages(
  batch: readonly { subject: string; msgId: string; data: Uint8Array }[],
): PackedMessages {
  const ends = new Uint32Array(batch.length);
  let size = 0;
  batch.forEach((m, i) => ends[i] = size += m.data.length);
  const data = new Uint8Array(size);
  batch.forEach((m, i) => data.set(m.data, i === 0 ? 0 : ends[i - 1]));
  return { subjects: batch.map((m) => m.subject), msgIds: batch.map((m) => m.msgId), data, ends };
}

/** One JetStream message: a packed run of events. */
export interface JetStreamMessage {
  subject: string;
  msgId: string;
  /** The events as a JSON array. */
  data: Uint8Array;
  /** Events in it. */
  count: number;
}

/**
 * Cuts a batch into runs of consecutive events on one subject, each of at most
 * `PACK_MAX_EVENTS` events and `PACK_MAX_BYTES` bytes (an event larger than that goes
 * alone), and packs each run as a JSON array, its message id naming the run's first and
 * last event. A batch sent again from the same first event packs alike up to where it
 * differs, so JetStream drops those packs as duplicates; the consumer's per-event receipts
 * make any other overlap harmless.
 * @example
 * ```ts
 * import { packMessages, packRuns } from "./publish_messages.ts";
 * const event = (id: string) => ({ subject: "s", msgId: id, data: new TextEncoder().encode("{}") });
 * const [message] = packRuns(packMessages([event("a"), event("b")]));
 * if (new TextDecoder().decode(message.data) !== "[{},{}]") throw new Error("bad pack");
 * if (message.msgId !== "packed/2/a/b") throw new Error("bad id");
 * ```
 */
export function packRuns(messages: PackedMessages): JetStreamMessage[] {
  const { subjects, msgIds, data, ends } = messages;
  const out: JetStreamMessage[] = [];
  const startOf = (i: number) => (i === 0 ? 0 : ends[i - 1]);
  let first = 0;
  while (first < subjects.length) {
    const subject = subjects[first];
    let end = first + 1;
    while (
      end < subjects.length && end - first < PACK_MAX_EVENTS && subjects[end] === subject &&
      // the run's bytes with `end` in it, plus brackets and commas
      ends[end] - startOf(first) + (end - first) + 2 <= PACK_MAX_BYTES
    ) end += 1;
    const body = new Uint8Array(ends[end - 1] - startOf(first) + (end - first) + 1);
    let at = 0;
    for (let i = first; i < end; i++) {
      body[at++] = i === first ? OPEN_BRACKET : COMMA;
      const event = data.subarray(startOf(i), ends[i]);
      body.set(event, at);
      at += event.length;
    }
    body[at] = CLOSE_BRACKET;
    out.push({
      subject,
      msgId: packedMsgId(msgIds[first], msgIds[end - 1], end - first),
      data: body,
      count: end - first,
    });
    first = end;
  }
  return out;
}

const OPEN_BRACKET = "[".charCodeAt(0);
const COMMA = ",".charCodeAt(0);
const CLOSE_BRACKET = "]".charCodeAt(0);
