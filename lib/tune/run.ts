/**
 * `tune` from end to end: the params checked, the experiment name checked free, the
 * training split read, the search run, trials.json and the report page written, and the
 * best params recorded as an experiment (queued, and run unless asked only to queue).
 */
import { join } from "node:path";
import type { Dataset } from "../model/types.ts";
import type { ExperimentRecord } from "../pipeline/experiments/record.ts";
import type { LineSink } from "../pipeline/run/executor.ts";
import { hashFile } from "../pipeline/store/hash.ts";
import { gitState } from "../git/state.ts";
import { resolveGbdtParams } from "../model/gbdt/params.ts";
import { assertNameFree, defaultExperimentName, recordBestExperiment } from "./best_experiment.ts";
import { TUNE_REPORT_DIR, writeTuneOutputs } from "./outputs.ts";
import { runSearch, type SearchOptions, type SearchResult } from "./search.ts";
import type { ParamsValidator } from "../pipeline/experiments/queue.ts";
import { loadTuneSetup, readTrainingSplit, type TuneOverrides } from "./setup.ts";

/** Options of {@link runTune}. */
export interface RunTuneOptions extends TuneOverrides {
  /** Checks the best params' experiment before it is queued (see RecordBestOptions). */
  validate?: ParamsValidator;
  /** Trials at once (default: the cores). */
  jobs?: number;
  /** The best params' experiment (default `tune-<seed>-best`). */
  name?: string;
  /** Queue the experiment without running it. */
  queueOnly?: boolean;
  /** Write no experiment at all. */
  noExperiment?: boolean;
  /** Where trials.json and index.html go (default reports/tune under the root). */
  outDir?: string;
  /** The training data (default: the work tree's data/split/train.parquet, read as train reads it). */
  data?: Dataset;
  onRung?: SearchOptions["onRung"];
  /** Receives the experiment's repro output. */
  sink?: LineSink;
  reproJobs?: number;
}

/** What {@link runTune} did. */
export interface TuneOutcome {
  result: SearchResult;
  files: { trials: string; page: string };
  /** The experiment's name, unless none was asked for. */
  experiment?: string;
  /** Its record, when it was run. */
  record?: ExperimentRecord;
}

/**
 * Runs the search of the repo at `root` and records its best params.
 * @example
 * ```ts ignore
 * const { result, experiment } = await runTune(Deno.cwd(), { jobs: 2 });
 * ```
 */
export async function runTune(root: string, options: RunTuneOptions = {}): Promise<TuneOutcome> {
  const setup = await loadTuneSetup(root, { trials: options.trials, seed: options.seed });
  const name = options.name ?? defaultExperimentName(setup.tune.seed);
  if (!options.noExperiment) await assertNameFree(root, name);
  const data = options.data ?? await readTrainingSplit(root, setup.governance);
  const result = await runSearch(data, {
    tune: setup.tune,
    base: resolveGbdtParams(setup.train.gbdt),
    jobs: options.jobs ?? navigator.hardwareConcurrency,
    onRung: options.onRung,
  });
  const git = await gitState(root);
  const trainPath = join(root, "data/split/train.parquet");
  const dataHashes = options.data === undefined
    ? { "data/split/train.parquet": await hashFile(trainPath) }
    : undefined;
  const files = await writeTuneOutputs(options.outDir ?? join(root, TUNE_REPORT_DIR), result, {
    space: setup.tune.space,
    lineage: {
      modelVersion: "tune",
      generatedAt: new Date().toISOString(),
      params: { tune: setup.tune, train: { gbdt: setup.train.gbdt } },
      ...(dataHashes ? { dataHashes } : {}),
      ...(git.commit ? { gitCommit: git.commit } : {}),
      ...(git.dirty !== null ? { gitDirty: git.dirty } : {}),
    },
  });
  if (options.noExperiment) return { result, files };
  const record = await recordBestExperiment(root, result, {
    name,
    queueOnly: options.queueOnly,
    sink: options.sink,
    reproJobs: options.reproJobs,
    validate: options.validate,
  });
  return { result, files, experiment: name, ...(record ? { record } : {}) };
}
