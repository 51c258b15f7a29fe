/**
 * Publishes scored rows and outcomes to JetStream off the request path: events go onto the
 * bounded batch queue the inference log uses (lib/inference_log/batch_queue.ts), and each
 * batch is packed into one buffer and handed to a worker of its own (publish_worker.ts, as
 * the SQLite log does), which publishes it with one pub-ack per message, pipelined. A batch
 * with any failed publish goes back on the queue whole; its messages carry `Nats-Msg-Id`, so
 * the ones that got through the first time are dropped by the server as duplicates. NATS down means
 * retries with backoff and, past `maxPending`, dropped events, counted; never an error.
 */
import {
  type BatchQueueStats,
  type BufferOptions,
  createBatchQueue,
} from "../inference_log/batch_queue.ts";
import { normaliseRecord } from "../inference_log/normalise.ts";
import type { InferenceRecord } from "../inference_log/types.ts";
import type { JetStreamConnectionOptions } from "./connection.ts";
import {
  encodeOutcome,
  encodeScored,
  type OutcomeEvent,
  outcomeMsgId,
  scoredMsgId,
} from "./events.ts";
import { packMessages, type PublishReply, type PublishRequest } from "./publish_messages.ts";
import { outcomeSubject, scoredSubject } from "./subjects.ts";

/** Options of {@link createStreamPublisher}. */
export interface StreamPublisherOptions extends JetStreamConnectionOptions, BufferOptions {
  /** Milliseconds to wait for a message's pub-ack before the batch is retried (default 5,000). */
  ackTimeoutMs?: number;
}

/** Counters of a {@link StreamPublisher}: `written` is the events JetStream acknowledged. */
export type StreamStats = BatchQueueStats;

/** What the server hands events to. */
export interface StreamPublisher {
  /** Queues the rows of one scoring call (row i of the request is `records[i]`); never throws. */
  publishScored(records: readonly InferenceRecord[]): void;
  /** Queues an accepted outcome; never throws. */
  publishOutcome(event: Omit<OutcomeEvent, "kind" | "msgId">): void;
  /** Publishes everything queued now (one attempt). */
  flush(): Promise<void>;
  /** Flushes, then closes the connection; events still unpublished count as dropped. */
  close(): Promise<void>;
  stats(): StreamStats;
}

/**
 * Most events in one publish round under a backlog (the log's default is 5,000): a round's
 * pub-acks are awaited together and a failed round is sent again whole, so a smaller round
 * bounds what one failure re-sends.
 */
const STREAM_MAX_BATCH = 1_000;

/** A message ready to publish. */
interface StreamMessage {
  subject: string;
  msgId: string;
  data: Uint8Array;
}

/**
 * Creates the publisher; it connects on the first batch, so NATS may be down at start-up.
 * @example
 * ```ts
 * import { createStreamPublisher } from "./publisher.ts";
 * // Port 9 on loopback refuses: the event is kept, retried, and dropped at close, counted.
 * const stream = createStreamPublisher({ url: "nats://127.0.0.1:9", maxBackoffMs: 50 });
 * stream.publishOutcome({
 *   modelVersion: "v0001",
 *   claim: { request_id: "r1", outcome: 1, observed_at: "2026-11-30T00:00:00.000Z" },
 * });
 * await stream.close();
 * if (stream.stats().dropped !== 1) throw new Error("expected the event dropped");
 * ```
 */
export function createStreamPublisher(options: StreamPublisherOptions): StreamPublisher {
  const worker = openPublishWorker(options);
  const publish = (batch: StreamMessage[]): Promise<void> => {
    const messages = packMessages(batch);
    return worker.call({ op: "publish", messages }, [messages.data.buffer, messages.ends.buffer]);
  };
  const queue = createBatchQueue<StreamMessage>(publish, {
    ...options,
    maxBatchSize: options.maxBatchSize ?? STREAM_MAX_BATCH,
  });
  return {
    publishScored(records) {
      const messages: StreamMessage[] = [];
      records.forEach((record, row) => {
        const safe = normaliseRecord(record);
        if (safe === undefined) return;
        messages.push({
          subject: scoredSubject(safe.endpoint, safe.modelVersion),
          msgId: scoredMsgId(safe.requestId, safe.modelVersion, row),
          data: encodeScored(safe, row),
        });
      });
      queue.push(messages, records.length - messages.length);
    },
    publishOutcome(event) {
      queue.push([{
        subject: outcomeSubject(event.modelVersion),
        msgId: outcomeMsgId(event.claim.request_id, event.claim.id),
        data: encodeOutcome(event),
      }]);
    },
    flush: () => queue.flush(),
    async close() {
      await queue.close();
      await worker.close();
    },
    stats: () => queue.stats(),
  };
}

type Body<T> = T extends unknown ? Omit<T, "id"> : never;

/** The worker holding the connection (publish_worker.ts), and calls to it by id. */
function openPublishWorker(options: StreamPublisherOptions) {
  const worker = new Worker(new URL("./publish_worker.ts", import.meta.url), { type: "module" });
  const waiting = new Map<number, { resolve(): void; reject(e: Error): void }>();
  let nextId = 1;
  let broken: Error | undefined;
  let closed = false;
  worker.onmessage = (event: MessageEvent<PublishReply>) => {
    const reply = event.data;
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.ok) w?.resolve();
    else w?.reject(new Error(reply.message));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    broken = new Error(
      `Cannot publish to JetStream: the publisher's worker failed: ${event.message}`,
    );
    for (const w of waiting.values()) w.reject(broken);
    waiting.clear();
  };
  const call = (request: Body<PublishRequest>, transfer: Transferable[] = []): Promise<void> => {
    if (broken) return Promise.reject(broken);
    if (closed) {
      return Promise.reject(new Error("Cannot publish to JetStream: the publisher is closed"));
    }
    const id = nextId++;
    return new Promise<void>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...request, id }, transfer);
    });
  };
  const { url, connectTimeoutMs, name } = options;
  // Messages keep their order: the connection is opened before the first publish arrives.
  void call({
    op: "open",
    options: { url, connectTimeoutMs, name },
    ackTimeoutMs: options.ackTimeoutMs ?? 5_000,
  }).catch(() => {});
  return {
    call,
    async close() {
      if (closed) return;
      await call({ op: "close" }).catch(() => {});
      closed = true;
      worker.terminate();
    },
  };
}
