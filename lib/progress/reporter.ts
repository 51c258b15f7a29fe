/**
 * A progress bar for work whose total is only known once it starts: library code calls
 * `update(done, total, info)` as a plain callback, the bar appears on the first call.
 */
import { createProgress, type Progress, type ProgressSink } from "./bar.ts";

/** A bar made on its first update. */
export interface ProgressReporter {
  /** Sets the units done of `total`; the first call makes the bar. */
  update(done: number, total: number, info?: string): void;
  /** Ends the bar (if it was made) at its total. */
  finish(info?: string): void;
  /** Ends the bar (if it was made) where it is, e.g. on a failure. */
  stop(info?: string): void;
}

/**
 * Creates a reporter for a labelled step.
 * @example
 * ```ts
 * import { createProgressReporter } from "./reporter.ts";
 * let text = "";
 * const progress = createProgressReporter("split", {
 *   stream: { write: (chunk) => (text += chunk), isTerminal: false },
 * });
 * progress.update(50, 100); // e.g. as splitFeatureStore's onProgress
 * progress.finish();
 * if (!text.includes("split")) throw new Error(text);
 * ```
 */
export function createProgressReporter(
  label: string,
  options: { stream?: ProgressSink; now?: () => number } = {},
): ProgressReporter {
  let progress: Progress | undefined;
  return {
    update(done, total, info) {
      progress ??= createProgress({ label, total, ...options });
      progress.update(done, info);
    },
    finish(info) {
      progress?.finish(info);
    },
    stop(info) {
      progress?.stop(info);
    },
  };
}
