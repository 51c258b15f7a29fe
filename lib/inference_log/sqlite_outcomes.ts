/**
 * Outcomes in the SQLite log file, through a connection of their own (`node:sqlite`): each
 * batch is read, joined and written inside one `begin immediate` transaction, so two
 * writers (the server and `deno task feedback`) cannot both store an outcome for one
 * prediction. Outcomes join the rows the client was answered with, never a shadow row.
 * Feedback is light traffic, so this runs on the caller's thread.
 */
import { dirname, resolve } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { quoteLiteral } from "../duckdb/quote.ts";
import { matchOutcomes } from "./outcome_match.ts";
import { planOutcomes, summariseOutcomes } from "./outcome_plan.ts";
import { keyIndexName, OUTCOMES_TABLE, SQLITE_OUTCOMES_SCHEMA } from "./outcome_schema.ts";
import {
  labelledRows,
  type OutcomeStore,
  type OutcomeSummary,
  type PredictionRef,
  type RecordOutcomesOptions,
} from "./outcome_types.ts";
import { LOG_TABLE } from "./schema.ts";
import { prepareSqliteLog } from "./sqlite_db.ts";

/** Opens the outcomes of the SQLite log at `path` (creating the file and tables when absent). */
export async function openSqliteOutcomeStore(path: string): Promise<OutcomeStore> {
  const file = path === ":memory:" ? path : resolve(path);
  if (file !== ":memory:") await Deno.mkdir(dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  prepareSqliteLog(db);
  db.exec(SQLITE_OUTCOMES_SCHEMA);
  const insert = db.prepare(
    `insert into ${OUTCOMES_TABLE} (log_id, request_id, outcome, observed_at, received_at)
     values (?, ?, ?, ?, ?)`,
  );
  const stored = db.prepare(
    `select log_id, outcome from ${OUTCOMES_TABLE}
     where log_id in (select value from json_each(?))`,
  );
  const indexed = new Set<string>();
  const recordNow = (rows: readonly unknown[], options: RecordOutcomesOptions): OutcomeSummary => {
    const plan = planOutcomes(rows, options);
    const keyExpr = options.key === undefined ? "null" : sqliteKeyExpression(options.key);
    if (options.key !== undefined && !indexed.has(options.key)) {
      // Built once per key and file; it makes the join by id a lookup.
      db.exec(
        `create index if not exists ${keyIndexName(options.key)} on ${LOG_TABLE} (${keyExpr})`,
      );
      indexed.add(options.key);
    }
    db.exec("begin immediate");
    try {
      const candidates = db.prepare(
        `select id, request_id, "time", model_version, ${keyExpr} as key from ${LOG_TABLE}
           where request_id in (select value from json_each(?)) and shadow is not 1
           union
           select id, request_id, "time", model_version, ${keyExpr} as key from ${LOG_TABLE}
           where ${keyExpr} in (select value from json_each(?)) and shadow is not 1`,
      ).all(JSON.stringify(plan.requestIds), JSON.stringify(plan.keys)).map(
        (row): PredictionRef => ({
          logId: Number(row.id),
          requestId: String(row.request_id),
          time: String(row.time),
          modelVersion: String(row.model_version),
          key: row.key === null ? null : String(row.key),
        }),
      );
      const before = new Map(
        stored.all(JSON.stringify(candidates.map((c) => c.logId))).map((
          row,
        ) => [Number(row.log_id), Number(row.outcome) as 0 | 1]),
      );
      const { results, writes } = matchOutcomes(plan.claims, candidates, before);
      const receivedAt = options.now.toISOString();
      for (const w of writes) {
        insert.run(w.logId, w.requestId, w.outcome, w.observedAt, receivedAt);
      }
      db.exec("commit");
      return summariseOutcomes(plan.refused, results);
    } catch (error) {
      db.exec("rollback");
      throw error;
    }
  };
  const labelled = db.prepare(
    `select l.model_version, l."time", l.score, l.tier, o.outcome
     from ${LOG_TABLE} l join ${OUTCOMES_TABLE} o on o.log_id = l.id
     where l."time" >= ? and l."time" < ? and l.score is not null and l.shadow is not 1
     order by l."time", l.id`,
  );
  return {
    labelled(from, to) {
      try {
        const rows = labelled.all(from.toISOString(), to.toISOString()).map((row) => ({
          modelVersion: String(row.model_version),
          time: Date.parse(String(row.time)),
          score: Number(row.score),
          tier: String(row.tier),
          outcome: Number(row.outcome),
        }));
        return Promise.resolve(labelledRows(rows));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    record(rows, options) {
      try {
        return Promise.resolve(recordNow(rows, options));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}

/** The key column's value in the logged inputs, as text (numbers as their JSON text). */
function sqliteKeyExpression(key: string): string {
  if (key.includes('"')) {
    throw new TypeError(
      `Cannot join outcomes by id: key column ${JSON.stringify(key)} holds a quote`,
    );
  }
  return `cast(json_extract(inputs, ${quoteLiteral(`$."${key}"`)}) as text)`;
}
