/** Messages between the publisher and its worker (publish_worker.ts). */
import type { JetStreamConnectionOptions } from "./connection.ts";

/** A batch of messages packed for the worker: `data` holds every body, `ends[i]` closes body i. */
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
