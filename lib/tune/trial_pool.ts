/**
 * Where trial jobs run: in this thread (one job at a time) or on a pool of trial workers,
 * one job per worker at a time, so `jobs` workers keep `jobs` cores busy and no more (each
 * trial's trainer is told to start no histogram workers of its own). Outcomes come back in
 * job order whatever order they finish in.
 */
import type { Dataset } from "../model/types.ts";
import type { GbdtParams } from "../model/gbdt/params.ts";
import type { Fold } from "../training/folds.ts";
import { runTrialJob, type TrialJob, type TrialOutcome } from "./trial.ts";
import type { TrialWorkerMessage, TrialWorkerReply } from "./trial_worker.ts";

/** Runs batches of trial jobs; close it to stop its workers. */
export interface TrialPool {
  run(jobs: readonly TrialJob[]): Promise<TrialOutcome[]>;
  close(): void;
}

/**
 * A pool of `jobs` trial runners over `data` and `folds` (1: this thread, no worker).
 * @example
 * ```ts ignore
 * using pool = createTrialPool(data, folds, base, 2);
 * const outcomes = await pool.run([{ trial: 0, params: { max_depth: 3 }, rounds: 25 }]);
 * ```
 */
export function createTrialPool(
  data: Dataset,
  folds: Fold[],
  base: Partial<GbdtParams>,
  jobs: number,
): TrialPool & Disposable {
  if (!(Number.isInteger(jobs) && jobs >= 1)) {
    throw new RangeError(`Cannot run trials: jobs is ${jobs}, expected an integer >= 1`);
  }
  if (jobs === 1) {
    return {
      async run(batch) {
        const outcomes: TrialOutcome[] = [];
        for (const job of batch) outcomes.push(await runTrialJob(data, folds, base, job));
        return outcomes;
      },
      close() {},
      [Symbol.dispose]() {},
    };
  }
  const workers = Array.from({ length: jobs }, () => {
    const worker = new Worker(new URL("./trial_worker.ts", import.meta.url), { type: "module" });
    worker.postMessage({ type: "init", data, folds, base } satisfies TrialWorkerMessage);
    return worker;
  });
  const close = () => workers.forEach((worker) => worker.terminate());
  return {
    run: (batch) => runOnWorkers(workers, batch),
    close,
    [Symbol.dispose]: close,
  };
}

async function runOnWorkers(
  workers: Worker[],
  batch: readonly TrialJob[],
): Promise<TrialOutcome[]> {
  const outcomes: TrialOutcome[] = new Array(batch.length);
  let next = 0;
  const drive = async (worker: Worker) => {
    while (next < batch.length) {
      const at = next++;
      outcomes[at] = await runOn(worker, batch[at]);
    }
  };
  await Promise.all(workers.map(drive));
  return outcomes;
}

function runOn(worker: Worker, job: TrialJob): Promise<TrialOutcome> {
  const { promise, resolve, reject } = Promise.withResolvers<TrialOutcome>();
  worker.onmessage = (event: MessageEvent<TrialWorkerReply>) => resolve(event.data.outcome);
  worker.onerror = (event) => {
    event.preventDefault();
    reject(new Error(`Cannot run trial ${job.trial}: its worker failed: ${event.message}`));
  };
  worker.postMessage({ type: "job", job } satisfies TrialWorkerMessage);
  return promise;
}
