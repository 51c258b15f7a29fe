/**
 * What a search writes: `trials.json` (the trial table with every rung, the rungs, the
 * base params and the best trial) and `index.html` (the report page), in one folder.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../pipeline/store/atomic.ts";
import type { Lineage } from "../report/lineage.ts";
import { bestAssignments } from "./best_experiment.ts";
import type { TuneParams } from "./params.ts";
import { renderTunePage } from "./report.ts";
import type { SearchResult } from "./search.ts";

/** The folder a search writes to by default, relative to the repo root. */
export const TUNE_REPORT_DIR = "reports/tune";

/** trials.json: the search's result as data (NaN AUCs of failed trials are null). */
export function trialsDocument(result: SearchResult): Record<string, unknown> {
  const best = result.trials[result.best];
  return {
    schema: 1,
    seed: result.seed,
    folds: result.folds,
    eta: result.eta,
    rungs: result.rungs,
    jobs: result.jobs,
    seconds: result.seconds,
    base: result.base,
    best: {
      trial: best.trial,
      params: best.params,
      auc: best.auc,
      rung: best.rungs.length,
      set_params: bestAssignments(result),
    },
    trials: result.trials,
  };
}

/**
 * Writes trials.json and index.html into `dir`; returns their paths.
 * @example
 * ```ts ignore
 * await writeTuneOutputs("reports/tune", result, { space, lineage });
 * ```
 */
export async function writeTuneOutputs(
  dir: string,
  result: SearchResult,
  page: { space: TuneParams["space"]; lineage: Lineage },
): Promise<{ trials: string; page: string }> {
  await Deno.mkdir(dir, { recursive: true });
  const trials = join(dir, "trials.json");
  const index = join(dir, "index.html");
  await writeFileAtomic(trials, JSON.stringify(trialsDocument(result), null, 1) + "\n");
  await writeFileAtomic(index, renderTunePage(result, page));
  return { trials, page: index };
}
