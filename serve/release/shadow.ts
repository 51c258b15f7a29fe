/**
 * Shadow scoring: after the champion has answered, the challenger scores the same body
 * on a later turn of the event loop, so the client never waits for it. Both versions'
 * rows are logged with one pair id per row. A row the challenger's contract refuses, or
 * a fault in it, is counted (riskpipe_shadow_failures_total) and never reaches the client;
 * past `maxPending` jobs in flight new ones are dropped and counted the same way.
 */
import { acceptRequestRow, RequestError, validateBatchRequest } from "../../lib/scoring/request.ts";
import type { ServeContext } from "../context.ts";
import { scoreRows } from "../scoring.ts";

/** One request to score again with the challenger. */
export interface ShadowJob {
  endpoint: string;
  requestId: string;
  /** The request's JSON body, validated again against the challenger's contract. */
  body: unknown;
  batch: boolean;
  /** A single row's UTF-8 JSON as the client sent it. */
  inputsUtf8?: Uint8Array;
  /** Pair ids of the rows, as the champion logged them. */
  pairIds: readonly string[];
}

/** The shadow jobs of one app. */
export interface ShadowQueue {
  /** True when a challenger shadows requests now (so the champion's rows need pair ids). */
  active(): boolean;
  /** Schedules `job` off the response path; never throws. */
  mirror(job: ShadowJob): void;
  /** Jobs scheduled or running. */
  pending(): number;
  /** Resolves when every job scheduled so far has finished. */
  settled(): Promise<void>;
}

/** Default bound of jobs in flight. */
export const SHADOW_MAX_PENDING = 1000;

/** The pair ids of a request's rows: the request id for one row, `id:i` for a batch. */
export function pairIdsOf(requestId: string, rows: number, batch: boolean): string[] {
  if (!batch) return [requestId];
  return Array.from({ length: rows }, (_, i) => `${requestId}:${i}`);
}

/** Creates the queue over the app's context (its release routing names the shadow). */
export function createShadowQueue(
  context: () => ServeContext,
  maxPending = SHADOW_MAX_PENDING,
): ShadowQueue {
  const jobs = new Set<Promise<void>>();
  const run = async (job: ShadowJob) => {
    const ctx = context();
    const live = ctx.release.shadowing();
    if (live === undefined) return;
    const version = live.current()?.version ?? "none";
    try {
      await live.use(async (model) => {
        const accepted = job.batch
          ? validateBatchRequest(model, job.body, ctx.maxBatchRows)
          : (({ row, unseen }) => ({ rows: [row], unseen: [unseen] }))(
            acceptRequestRow(model, job.body),
          );
        await scoreRows(ctx, model, accepted.rows, {
          endpoint: job.endpoint,
          requestId: job.requestId,
          explain: false,
          inputsUtf8: job.inputsUtf8,
          unseen: accepted.unseen,
          pairIds: job.pairIds,
          role: "shadow",
        });
      });
    } catch (error) {
      ctx.metrics.versions.shadowFailed(
        version,
        error instanceof RequestError ? "rejected" : "error",
      );
    }
  };
  return {
    active: () => context().release.shadowing() !== undefined,
    mirror(job) {
      const ctx = context();
      const version = ctx.release.shadowing()?.current()?.version;
      if (version === undefined) return;
      if (jobs.size >= maxPending) {
        ctx.metrics.versions.shadowFailed(version, "dropped");
        return;
      }
      const task = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => run(job));
      jobs.add(task);
      task.finally(() => jobs.delete(task));
    },
    pending: () => jobs.size,
    async settled() {
      while (jobs.size > 0) await Promise.all([...jobs]);
    },
  };
}
