/**
 * The durable pull consumer behind `deno task consume`: fetches batches of messages from
 * the RISKPIPE stream in order, unpacks each (a packed run of events, or one event as
 * before packing), writes the events into the PostgreSQL log (runs of scored rows, then the
 * outcomes after them) and acknowledges a batch only after its write committed. A failed
 * write leaves the batch unacknowledged (redelivered later); a message that is not an event
 * (or a pack holding one) is terminated and counted, never retried forever.
 */
import { AckPolicy, DeliverPolicy, type JsMsg } from "@nats-io/jetstream";
import { createJetStreamConnection } from "./connection.ts";
import { decodeMessage, type OutcomeEvent, type ScoredEvent, type StreamEvent } from "./events.ts";
import { openStreamLogWriter, type StreamLogWriter } from "./postgres_writer.ts";
import { STREAM_NAME, STREAM_SUBJECTS } from "./subjects.ts";

/** Default name of the durable consumer. */
export const DEFAULT_DURABLE = "riskpipe-postgres";

/** Options of {@link consumeToPostgres}. */
export interface ConsumeOptions {
  natsUrl: string;
  databaseUrl: string;
  /** Durable consumer name (default riskpipe-postgres); replicas of the consumer share it. */
  durable?: string;
  /** Most messages per fetch and write (default 50; a packed message holds up to 100 events). */
  batch?: number;
  /** Milliseconds a fetch waits for messages (default 1,000). */
  expiresMs?: number;
  /**
   * Stop after the first fetch that finds nothing (drain and exit) instead of waiting; a
   * drain gives up (throws) after 8 failed fetches or writes in a row.
   */
  untilIdle?: boolean;
  /** Milliseconds before the first retry of a failed fetch or write; doubles per failure (default 100). */
  retryMs?: number;
  /** Stops the loop after the batch in hand. */
  signal?: AbortSignal;
  /** Receives one line per problem (a bad message, a failed write, an unjoinable outcome). */
  onProblem?: (line: string) => void;
  /** The time now, for the outcome rules (default: the clock). */
  clock?: () => Date;
}

/** What a run of the consumer did. */
export interface ConsumeStats {
  /** Scored rows written to the log (events, not messages, as are the counts below). */
  scored: number;
  /** Outcomes stored. */
  outcomes: number;
  /** Events written before (redelivered, or in two packs): nothing written again. */
  duplicates: number;
  /** Outcomes the log could not join. */
  rejected: number;
  /** Messages that were not events (terminated). */
  bad: number;
  /** Failed fetches or writes (retried). */
  failures: number;
}

/** Messages per fetch: up to 5,000 events in one transaction when they are packed. */
const DEFAULT_BATCH = 50;

/** Failures in a row after which a drain (`untilIdle`) gives up instead of retrying. */
const IDLE_RUN_MAX_FAILURES = 8;

/** Longest wait between retries of a failed fetch or write, in milliseconds. */
const MAX_BACKOFF_MS = 5_000;

/** Runs the consumer until `signal` aborts (or, with `untilIdle`, the stream is drained). */
export async function consumeToPostgres(options: ConsumeOptions): Promise<ConsumeStats> {
  const stats: ConsumeStats = {
    scored: 0,
    outcomes: 0,
    duplicates: 0,
    rejected: 0,
    bad: 0,
    failures: 0,
  };
  const problem = options.onProblem ?? ((line: string) => console.error(line));
  const clock = options.clock ?? (() => new Date());
  const durable = options.durable ?? DEFAULT_DURABLE;
  const connection = createJetStreamConnection({ url: options.natsUrl, name: durable });
  const writer = openStreamLogWriter(options.databaseUrl);
  let failuresInARow = 0;
  const backoff = async (error: unknown, what: string) => {
    stats.failures += 1;
    failuresInARow += 1;
    const reason = error instanceof Error ? error.message : String(error);
    if (options.untilIdle && failuresInARow >= IDLE_RUN_MAX_FAILURES) {
      throw new Error(
        `Cannot consume: ${what} failed ${failuresInARow} times in a row: ${reason}`,
      );
    }
    problem(`consume: ${what} failed, retrying: ${reason}`);
    const first = options.retryMs ?? 100;
    await delay(Math.min(MAX_BACKOFF_MS, first * 2 ** (failuresInARow - 1)), options.signal);
  };
  try {
    while (!options.signal?.aborted) {
      let messages: JsMsg[];
      try {
        messages = await fetchBatch(connection, durable, options);
      } catch (error) {
        await backoff(error, "fetch");
        continue;
      }
      if (messages.length === 0) {
        if (options.untilIdle) break;
        continue;
      }
      let written: JsMsg[];
      try {
        written = await writeBatch(writer, messages, stats, problem, clock());
      } catch (error) {
        for (const m of messages) m.nak();
        await backoff(error, "write");
        continue;
      }
      failuresInARow = 0;
      await Promise.allSettled(written.map((m) => m.ackAck()));
    }
  } finally {
    await writer.close();
    await connection.close();
  }
  return stats;
}

async function fetchBatch(
  connection: ReturnType<typeof createJetStreamConnection>,
  durable: string,
  options: ConsumeOptions,
): Promise<JsMsg[]> {
  const { js, jsm } = await connection.open();
  const consumer = await js.consumers.get(STREAM_NAME, durable).catch(async () => {
    await jsm.consumers.add(STREAM_NAME, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: STREAM_SUBJECTS[0],
      ack_wait: 30 * 1e9,
    });
    return await js.consumers.get(STREAM_NAME, durable);
  });
  const fetched = await consumer.fetch({
    max_messages: options.batch ?? DEFAULT_BATCH,
    expires: options.expiresMs ?? 1_000,
  });
  const messages: JsMsg[] = [];
  for await (const m of fetched) messages.push(m);
  return messages;
}

/**
 * Writes a batch in stream order (each run of scored rows, then the run of outcomes after
 * it) and returns the messages written, to acknowledge; the ones that are not events are
 * terminated here.
 */
async function writeBatch(
  writer: StreamLogWriter,
  messages: readonly JsMsg[],
  stats: ConsumeStats,
  problem: (line: string) => void,
  now: Date,
): Promise<JsMsg[]> {
  const events: StreamEvent[] = [];
  const written: JsMsg[] = [];
  for (const m of messages) {
    try {
      const msgId = m.headers?.get("Nats-Msg-Id") || `seq/${m.seq}`;
      events.push(...decodeMessage(m.subject, msgId, m.data));
      written.push(m);
    } catch (error) {
      stats.bad += 1;
      problem(`consume: ${(error as Error).message}; message ${m.seq} terminated`);
      m.term();
    }
  }
  let start = 0;
  while (start < events.length) {
    const kind = events[start].kind;
    let end = start;
    while (end < events.length && events[end].kind === kind) end += 1;
    const run = events.slice(start, end);
    if (kind === "scored") {
      const written = await writer.writeScored(run as ScoredEvent[]);
      stats.scored += written;
      stats.duplicates += run.length - written;
    } else {
      const result = await writer.writeOutcomes(run as OutcomeEvent[], now);
      stats.outcomes += result.accepted;
      stats.duplicates += result.duplicate;
      stats.rejected += result.rejected.length;
      for (const issue of result.rejected) problem(`consume: outcome not stored: ${issue.message}`);
    }
    start = end;
  }
  return written;
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
