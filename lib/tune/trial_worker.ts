/**
 * Trial worker: holds a copy of the training data and the folds, and runs the trial jobs
 * it is sent one at a time, posting each outcome back.
 */
/// <reference lib="deno.worker" />
import type { Dataset } from "../model/types.ts";
import type { GbdtParams } from "../model/gbdt/params.ts";
import type { Fold } from "../training/folds.ts";
import { runTrialJob, type TrialJob, type TrialOutcome } from "./trial.ts";

/** Messages a trial worker takes. */
export type TrialWorkerMessage =
  | { type: "init"; data: Dataset; folds: Fold[]; base: Partial<GbdtParams> }
  | { type: "job"; job: TrialJob };

/** What a trial worker posts back: one outcome per job. */
export type TrialWorkerReply = { type: "outcome"; outcome: TrialOutcome };

let setup: { data: Dataset; folds: Fold[]; base: Partial<GbdtParams> } | undefined;

self.onmessage = async (event: MessageEvent<TrialWorkerMessage>) => {
  const message = event.data;
  if (message.type === "init") {
    setup = { data: message.data, folds: message.folds, base: message.base };
    return;
  }
  if (setup === undefined) throw new Error("Cannot run a trial: the worker got no init message");
  const outcome = await runTrialJob(setup.data, setup.folds, setup.base, message.job);
  self.postMessage({ type: "outcome", outcome } satisfies TrialWorkerReply);
};
