/**
 * Shadow scoring: after the champion has answered, the challenger scores the same body
 * on a later turn of the event loop (jobs of a few milliseconds gathered into one ONNX
 * run), so the client never waits for it. Both versions'
 * rows are logged with one pair id per row. A row the challenger's contract refuses, or
 * a fault in it, is counted (riskpipe_shadow_failures_total) and never reaches the client;
 * past `maxPending` jobs in flight new ones are dropped and counted the same way.
 */
import type { ServeContext } from "../context.ts";
import { scoreShadowJobs } from "./shadow_batch.ts";

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

/** Default bound of jobs waiting or being scored. */
export const SHADOW_MAX_PENDING = 1000;

/** How long jobs gather after the first before they are scored together (ms). */
export const SHADOW_FLUSH_MS = 5;

/** The pair ids of a request's rows: the request id for one row, `id:i` for a batch. */
export function pairIdsOf(requestId: string, rows: number, batch: boolean): string[] {
  if (!batch) return [requestId];
  return Array.from({ length: rows }, (_, i) => `${requestId}:${i}`);
}

/**
 * Creates the queue over the app's context (its release routing names the shadow). Jobs
 * gather for `flushMs` after the first, then score together (shadow_batch.ts).
 */
export function createShadowQueue(
  context: () => ServeContext,
  options: { maxPending?: number; flushMs?: number } = {},
): ShadowQueue {
  const maxPending = options.maxPending ?? SHADOW_MAX_PENDING;
  const flushMs = options.flushMs ?? SHADOW_FLUSH_MS;
  let buffer: ShadowJob[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let scoring = 0;
  const running = new Set<Promise<void>>();

  const run = async (jobs: ShadowJob[]) => {
    const ctx = context();
    const live = ctx.release.shadowing();
    if (live === undefined) return;
    try {
      await live.use((model) => scoreShadowJobs(ctx, model, jobs));
    } catch {
      // No challenger loaded any more (unset mid-flight): nothing to compare with.
      const version = live.current()?.version ?? "none";
      for (const _ of jobs) ctx.metrics.versions.shadowFailed(version, "error");
    }
  };
  const flush = () => {
    timer = undefined;
    const jobs = buffer;
    buffer = [];
    scoring += jobs.length;
    const task = run(jobs).finally(() => {
      scoring -= jobs.length;
      running.delete(task);
    });
    running.add(task);
  };
  return {
    active: () => context().release.shadowing() !== undefined,
    mirror(job) {
      const ctx = context();
      const version = ctx.release.shadowing()?.current()?.version;
      if (version === undefined) return;
      if (buffer.length + scoring >= maxPending) {
        ctx.metrics.versions.shadowFailed(version, "dropped");
        return;
      }
      buffer.push(job);
      timer ??= setTimeout(flush, flushMs);
    },
    pending: () => buffer.length + scoring,
    async settled() {
      while (buffer.length > 0 || running.size > 0) {
        if (timer !== undefined) {
          clearTimeout(timer);
          flush();
        }
        await Promise.all([...running]);
      }
    },
  };
}
