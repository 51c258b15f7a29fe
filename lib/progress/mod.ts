/** Progress on stderr for long steps: bars, bars made on first use, boosting rounds. */
export {
  createProgress,
  formatLine,
  type Progress,
  type ProgressOptions,
  type ProgressSink,
  stderrSink,
} from "./bar.ts";
export { createProgressReporter, type ProgressReporter } from "./reporter.ts";
export { createRoundProgress, type RoundProgress, type RoundReport } from "./rounds.ts";
