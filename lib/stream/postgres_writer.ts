/**
 * Writes stream events into the PostgreSQL log, once each: a scored row's message id goes
 * into `stream_receipts` in the same transaction as its log row, so a redelivered message
 * finds its receipt and writes nothing; an outcome goes through the outcome store, which
 * stores one outcome per prediction and calls a resend a duplicate.
 */
import postgres from "postgres";
import { insertLogRecords } from "../inference_log/postgres.ts";
import { openPostgresOutcomeStore } from "../inference_log/postgres_outcomes.ts";
import { POSTGRES_SCHEMA } from "../inference_log/schema.ts";
import type { RowIssue } from "../contracts/mod.ts";
import type { OutcomeEvent, ScoredEvent } from "./events.ts";

/** Table of the message ids of the scored rows already written. */
export const RECEIPTS_TABLE = "stream_receipts";

/** DDL of the receipts table (beside the log table, which is created too when absent). */
export const POSTGRES_RECEIPTS_SCHEMA = `
create table if not exists ${RECEIPTS_TABLE} (
  msg_id text primary key,
  received_at timestamptz not null default now()
);
`;

/** What a batch of outcomes came to. */
export interface OutcomeWriteResult {
  /** Outcomes stored now. */
  accepted: number;
  /** Outcomes stored before (a redelivery). */
  duplicate: number;
  /** Outcomes the log could not join (their scored row never reached it), with why. */
  rejected: RowIssue[];
}

/** The consumer's writer. */
export interface StreamLogWriter {
  /** Writes the rows not written before, in one transaction; returns how many were new. */
  writeScored(events: readonly ScoredEvent[]): Promise<number>;
  /** Stores the outcomes (each batch of one key in one transaction). */
  writeOutcomes(events: readonly OutcomeEvent[], now: Date): Promise<OutcomeWriteResult>;
  close(): Promise<void>;
}

/** Connects (lazily) to the PostgreSQL log at `databaseUrl`. */
export function openStreamLogWriter(databaseUrl: string): StreamLogWriter {
  const sql = postgres(databaseUrl, {
    max: 2,
    connect_timeout: 5,
    idle_timeout: 30,
    onnotice: () => {},
  });
  const outcomes = openPostgresOutcomeStore(databaseUrl);
  let ready: Promise<void> | undefined;
  const ensureTables = (): Promise<void> => {
    ready ??= sql.unsafe(POSTGRES_SCHEMA + POSTGRES_RECEIPTS_SCHEMA).simple().then(() => {}, (
      error,
    ) => {
      ready = undefined; // try again on the next batch
      throw error;
    });
    return ready;
  };
  return {
    async writeScored(events) {
      await ensureTables();
      const unique = [...new Map(events.map((e) => [e.msgId, e])).values()];
      return await sql.begin(async (tx) => {
        const fresh = await tx`
          insert into ${tx(RECEIPTS_TABLE)} (msg_id)
          select * from unnest(${unique.map((e) => e.msgId)}::text[])
          on conflict do nothing
          returning msg_id`;
        const written = new Set(fresh.map((row) => String(row.msg_id)));
        const records = unique.filter((e) => written.has(e.msgId)).map((e) => e.record);
        if (records.length > 0) await insertLogRecords(tx, records);
        return records.length;
      });
    },
    async writeOutcomes(events, now) {
      const store = await outcomes;
      const result: OutcomeWriteResult = { accepted: 0, duplicate: 0, rejected: [] };
      const byKey = Map.groupBy(events, (e) => e.key);
      for (const [key, group] of byKey) {
        const summary = await store.record(group.map((e) => e.claim), { now, key });
        result.accepted += summary.accepted;
        result.duplicate += summary.duplicate;
        result.rejected.push(...summary.rows.flatMap((r) => r.issues));
      }
      return result;
    },
    async close() {
      await Promise.all([sql.end({ timeout: 5 }), outcomes.then((store) => store.close())]);
    },
  };
}
