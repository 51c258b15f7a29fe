/** An outcome store over records held in memory (the test harness's log): same rules, no database. */
import { matchOutcomes } from "./outcome_match.ts";
import { planOutcomes, summariseOutcomes } from "./outcome_plan.ts";
import {
  labelledRows,
  type OutcomeStore,
  type OutcomeWrite,
  type PredictionRef,
} from "./outcome_types.ts";
import type { InferenceRecord } from "./types.ts";

/**
 * Joins outcomes to `records` (log id = position + 1, as they were appended); the stored
 * outcomes are kept in `outcomes`.
 */
export function createMemoryOutcomeStore(
  records: readonly InferenceRecord[],
): OutcomeStore & { outcomes: OutcomeWrite[] } {
  const outcomes: OutcomeWrite[] = [];
  return {
    outcomes,
    record(rows, options) {
      const plan = planOutcomes(rows, options);
      const requests = new Set(plan.requestIds);
      const keys = new Set(plan.keys);
      const candidates: PredictionRef[] = [];
      records.forEach((r, i) => {
        const value = options.key === undefined ? undefined : r.inputs[options.key];
        const key = value === undefined || value === null ? null : String(value);
        if (r.shadow === true) return; // the client was answered by the other row of its pair
        if (requests.has(r.requestId) || (key !== null && keys.has(key))) {
          candidates.push({
            logId: i + 1,
            requestId: r.requestId,
            time: new Date(r.time).toISOString(),
            modelVersion: r.modelVersion,
            key,
          });
        }
      });
      const stored = new Map(outcomes.map((o) => [o.logId, o.outcome]));
      const { results, writes } = matchOutcomes(plan.claims, candidates, stored);
      outcomes.push(...writes);
      return Promise.resolve(summariseOutcomes(plan.refused, results));
    },
    labelled(from, to) {
      const byLog = new Map(outcomes.map((o) => [o.logId, o.outcome]));
      const rows = records.flatMap((r, i) => {
        const time = Date.parse(r.time);
        const outcome = byLog.get(i + 1);
        if (outcome === undefined || !Number.isFinite(r.score) || r.shadow === true) return [];
        if (time < from.getTime() || time >= to.getTime()) return [];
        return [{ modelVersion: r.modelVersion, time, score: r.score, tier: r.tier, outcome }];
      });
      rows.sort((a, b) => a.time - b.time);
      return Promise.resolve(labelledRows(rows));
    },
    close: () => Promise.resolve(),
  };
}
