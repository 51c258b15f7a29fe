/**
 * Experiments (`exp`): pipeline runs with other params in isolated workspaces that share
 * the cache and run-cache, so unchanged stages are restored, not re-run; queued and run in
 * parallel, recorded one file each under `.repro/exp/` beside an append-only queue
 * journal, compared, applied to the work tree, and safe against a kill -9 of the runner.
 * @example
 * ```ts ignore
 * import { queueExperiments, runQueue } from "./mod.ts";
 * await queueExperiments(root, { grid: ["train.gbdt.max_depth=4,6"] });
 * await runQueue(root, { jobs: 2 });
 * ```
 */
export { ExperimentError } from "./errors.ts";
export { EXP_DIR, experimentPaths } from "./paths.ts";
export { type ExperimentRecord, type ExperimentStatus, readRecord } from "./record.ts";
export { foldJournal, type QueueEntry } from "./journal.ts";
export { type ParamsValidator, queueExperiments, type QueueRequest } from "./queue.ts";
export { runQueue, type RunQueueOptions } from "./queue_runner.ts";
export { recoverDeadRuns } from "./recover.ts";
export { retryExperiments } from "./retry.ts";
export { loadView, loadViews } from "./views.ts";
export {
  buildExperimentTable,
  type ExperimentRow,
  type ExperimentTable,
  sortExperimentTable,
} from "./table.ts";
export {
  curvePlots,
  type CurveSource,
  type ExperimentCurves,
  experimentCurves,
} from "./report_curves.ts";
export { type ExperimentsPageOptions, renderExperimentsPage } from "./report.ts";
export { diffExperiments, type ExperimentChange } from "./diff.ts";
export { applyExperiment, type ApplyResult, setParamsInYaml } from "./apply.ts";
export { collectExperimentGarbage, type ExpGcResult, removeExperiments } from "./remove.ts";
export { skippedStages } from "./run_one.ts";
