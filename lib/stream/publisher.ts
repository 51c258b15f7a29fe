/**
 * Publishes scored rows and outcomes to JetStream off the request path: events go onto the
 * bounded batch queue the inference log uses (lib/inference_log/batch_queue.ts), and each
 * batch is published with one pub-ack per message, pipelined. A batch with any failed
 * publish goes back on the queue whole; its messages carry `Nats-Msg-Id`, so the ones that
 * got through the first time are dropped by the server as duplicates. NATS down means
 * retries with backoff and, past `maxPending`, dropped events, counted; never an error.
 */
import {
  type BatchQueueStats,
  type BufferOptions,
  createBatchQueue,
} from "../inference_log/batch_queue.ts";
import { normaliseRecord } from "../inference_log/normalise.ts";
import type { InferenceRecord } from "../inference_log/types.ts";
import { createJetStreamConnection, type JetStreamConnectionOptions } from "./connection.ts";
import {
  encodeOutcome,
  encodeScored,
  type OutcomeEvent,
  outcomeMsgId,
  scoredMsgId,
} from "./events.ts";
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
 * Most events in one publish round under a backlog (the log's default is 5,000): the
 * publishes of a round are started in one synchronous loop on the server's thread, so a
 * smaller round keeps that pause short beside /predict.
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
  const connection = createJetStreamConnection(options);
  const ackTimeoutMs = options.ackTimeoutMs ?? 5_000;
  const publish = async (batch: StreamMessage[]): Promise<void> => {
    const { js } = await connection.open();
    const acks = await Promise.allSettled(
      batch.map((m) => js.publish(m.subject, m.data, { msgID: m.msgId, timeout: ackTimeoutMs })),
    );
    const failed = acks.find((a) => a.status === "rejected");
    if (failed !== undefined) {
      connection.recheckStream(); // a server started afresh has no stream
      throw failed.reason;
    }
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
      await connection.close();
    },
    stats: () => queue.stats(),
  };
}
