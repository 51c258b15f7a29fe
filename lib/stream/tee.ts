/**
 * The server's log and outcome store with a JetStream copy: every record appended to the
 * log is also queued for the stream, and every outcome the store accepts is queued too,
 * on the same queue, so an outcome is published after the row it joins.
 */
import { readOutcomeRow } from "../inference_log/outcome_rows.ts";
import type { OutcomeStore } from "../inference_log/outcome_types.ts";
import type { LogStore } from "../inference_log/types.ts";
import type { StreamPublisher } from "./publisher.ts";

/** `log`, also publishing each appended record; its flush and close are the log's alone. */
export function streamingLogStore(log: LogStore, stream: StreamPublisher): LogStore {
  return {
    append(records) {
      log.append(records);
      stream.publishScored(records);
    },
    flush: () => log.flush(),
    close: () => log.close(),
    stats: () => log.stats(),
    streamStats: () => stream.stats(),
  };
}

/** `outcomes`, also publishing each outcome it accepted (duplicates and rejections are not). */
export function streamingOutcomeStore(
  outcomes: OutcomeStore,
  stream: StreamPublisher,
): OutcomeStore {
  return {
    async record(rows, options) {
      const summary = await outcomes.record(rows, options);
      const firstRow = options.firstRow ?? 1;
      for (const result of summary.rows) {
        if (result.status !== "accepted" || result.requestId === undefined) continue;
        const read = readOutcomeRow(rows[result.row - firstRow], result.row, options.now);
        if (!("claim" in read)) continue;
        const { claim } = read;
        const id = claim.id !== undefined && options.key !== undefined ? claim.id : undefined;
        stream.publishOutcome({
          modelVersion: result.modelVersion ?? "",
          claim: {
            request_id: result.requestId,
            ...(id === undefined ? {} : { id }),
            outcome: claim.outcome,
            observed_at: claim.observedAt,
          },
          ...(id === undefined ? {} : { key: options.key }),
        });
      }
      return summary;
    },
    labelled: (from, to) => outcomes.labelled(from, to),
    close: () => outcomes.close(),
  };
}
