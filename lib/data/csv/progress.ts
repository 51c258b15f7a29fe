/** Progress bars for the long phases of a large CSV ingest (DuckDB's own estimate). */
import { createProgress } from "../../progress/mod.ts";

/** Inputs at least this large (bytes) get a progress bar. */
export const PROGRESS_MIN_BYTES = 64 * 1024 * 1024;

/** Returns a percent callback drawing a bar for large inputs, or undefined for small ones. */
export function phaseProgress(
  label: string,
  inputBytes: number,
): ((percent: number) => void) | undefined {
  if (inputBytes < PROGRESS_MIN_BYTES) return undefined;
  const progress = createProgress({ label, total: 100 });
  return (percent) => {
    progress.update(Math.round(percent));
    if (percent >= 100) progress.finish();
  };
}
