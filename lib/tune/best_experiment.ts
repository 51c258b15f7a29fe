/**
 * The best trial's params as an experiment: queued through the experiments' own API
 * (`--set-param train.gbdt.<name>=<value>` for each searched param, checked by the params
 * schemas) and, unless only queued, run like `exp run` does, so `exp apply NAME` can write
 * them into pipeline.yaml and the experiment's outs into the work tree.
 */
import { ExperimentError } from "../pipeline/experiments/errors.ts";
import { assertExperimentName } from "../pipeline/experiments/names.ts";
import { queueExperiments, takenNames } from "../pipeline/experiments/queue.ts";
import { runQueue } from "../pipeline/experiments/queue_runner.ts";
import type { ExperimentRecord } from "../pipeline/experiments/record.ts";
import type { LineSink } from "../pipeline/run/executor.ts";
import type { ParamsValidator } from "../pipeline/experiments/queue.ts";
import type { SearchResult } from "./search.ts";

/** The experiment name a search with `seed` records its best params under by default. */
export function defaultExperimentName(seed: number): string {
  return `tune-${seed}-best`;
}

/**
 * The best trial's params as `--set-param` assignments, by param name.
 * @example
 * ```ts ignore
 * bestAssignments(result); // ["train.gbdt.learning_rate=0.0734", "train.gbdt.max_depth=6"]
 * ```
 */
export function bestAssignments(result: SearchResult): string[] {
  const params = result.trials[result.best].params;
  return Object.keys(params).sort().map((name) =>
    `train.gbdt.${name}=${params[name as keyof typeof params]}`
  );
}

/** Throws an ExperimentError unless `name` is a valid experiment name no experiment has. */
export async function assertNameFree(root: string, name: string): Promise<void> {
  assertExperimentName(name);
  if ((await takenNames(root)).has(name)) {
    throw new ExperimentError(
      `Cannot record the best params as experiment "${name}": the name is taken; ` +
        `give another with --name, or remove the old one with deno task exp remove ${name}`,
    );
  }
}

/** Options of {@link recordBestExperiment}. */
export interface RecordBestOptions {
  name: string;
  /** Only queue it (`exp queue start` runs it); default: run it now. */
  queueOnly?: boolean;
  /** Receives the experiment's repro output. */
  sink?: LineSink;
  /** `repro --jobs` inside the experiment's workspace. */
  reproJobs?: number;
  /**
   * Checks the experiment's params before it is queued (the CLI passes the params
   * schemas' check; lib/tune does not import lib/stage, which registers tune's schema).
   */
  validate?: ParamsValidator;
}

/**
 * Queues (and runs) the best params as an experiment; returns its record once run.
 * @example
 * ```ts ignore
 * const record = await recordBestExperiment(root, result, { name: "tune-0-best" });
 * ```
 */
export async function recordBestExperiment(
  root: string,
  result: SearchResult,
  options: RecordBestOptions,
): Promise<ExperimentRecord | undefined> {
  const names = await queueExperiments(root, {
    setParams: bestAssignments(result),
    name: options.name,
    validate: options.validate,
  });
  if (options.queueOnly) return undefined;
  const [record] = await runQueue(root, {
    names,
    jobs: 1,
    sink: options.sink,
    reproJobs: options.reproJobs,
  });
  return record;
}
