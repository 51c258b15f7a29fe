/**
 * The search: trials drawn at random from the space (seeded), stratified folds of the
 * training split (seeded), then successive halving on rounds — each rung's trials run on
 * the trial pool, the rung is closed, the best 1/eta go on. A trial whose folds stopped
 * early (the mean curve stopped improving) before a rung's rounds would train the same
 * trees with more rounds allowed, so its promotion reuses its result instead of retraining.
 */
import type { Dataset } from "../model/types.ts";
import type { GbdtParams } from "../model/gbdt/params.ts";
import { defaultWorkerCount } from "../model/gbdt/train.ts";
import { createRng } from "../random/mod.ts";
import { stratifiedKFold } from "../training/folds.ts";
import { promoteTrials, rungRounds } from "./halving.ts";
import type { TuneParams } from "./params.ts";
import { sampleTrials, type TrialParams } from "./space.ts";
import type { TrialJob, TrialOutcome } from "./trial.ts";
import { createTrialPool } from "./trial_pool.ts";

/** A trial's result at one rung. */
export interface RungResult {
  rounds: number;
  /** Best mean fold AUC within the rung's rounds (NaN when the trial failed). */
  auc: number;
  bestRound: number;
  roundsTrained: number;
  seconds: number;
  /** The result of the rung below, reused: the trial had stopped early there. */
  reused?: true;
}

/** One row of the trial table. */
export interface TrialRow {
  trial: number;
  params: TrialParams;
  /** Its result at each rung it reached, lowest first. */
  rungs: RungResult[];
  /** CV AUC at the highest rung it reached. */
  auc: number;
  /** Seconds spent on it over every rung. */
  seconds: number;
  error?: string;
}

/** What a search found. */
export interface SearchResult {
  seed: number;
  folds: number;
  eta: number;
  /** Rounds of each rung. */
  rungs: number[];
  /** The base GBDT params every trial starts from (train.gbdt). */
  base: Partial<GbdtParams>;
  trials: TrialRow[];
  /** The best trial: the highest rung reached, then the highest CV AUC there. */
  best: number;
  jobs: number;
  seconds: number;
}

/** Options of {@link runSearch}. */
export interface SearchOptions {
  tune: TuneParams;
  /** train.gbdt, the params a trial's values replace; its n_rounds is the last rung. */
  base: GbdtParams;
  /** Trials at once (default 1: this thread). */
  jobs?: number;
  /** Called when a rung closes, with the trials it ran and those it promoted. */
  onRung?: (rung: number, rounds: number, ran: number, promoted: number[]) => void;
}

/**
 * Runs the search over `data` (a labelled training split).
 * @example
 * ```ts
 * import { runSearch } from "./search.ts";
 * import { TuneParams } from "./params.ts";
 * import { resolveGbdtParams } from "../model/gbdt/params.ts";
 * import { makeSyntheticDataset } from "../model/gbdt/synthetic.ts";
 * const data = makeSyntheticDataset({ rows: 300, features: 3, seed: 1 });
 * const tune = TuneParams.parse({ trials: 3, folds: 3, space: { max_depth: [2, 3] }, halving: { min_rounds: 2 } });
 * const result = await runSearch(data, { tune, base: resolveGbdtParams({ n_rounds: 6 }) });
 * if (result.rungs.join() !== "2,6") throw new Error(result.rungs.join());
 * ```
 */
export async function runSearch(data: Dataset, options: SearchOptions): Promise<SearchResult> {
  const { tune, base } = options;
  if (data.label === undefined) {
    throw new RangeError("Cannot tune: the training split has no target");
  }
  const started = performance.now();
  const rng = createRng(tune.seed);
  const sampling = rng.fork();
  const folds = stratifiedKFold(data.label, tune.folds, rng.fork());
  const rungs = rungRounds(tune.halving.min_rounds, tune.halving.eta, base.n_rounds);
  const rows: TrialRow[] = sampleTrials(tune.space, tune.trials, sampling).map((params, trial) => ({
    trial,
    params,
    rungs: [],
    auc: NaN,
    seconds: 0,
  }));
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, tune.trials));
  using pool = createTrialPool(data, folds, base, jobs);
  const lendable = defaultWorkerCount(folds[0].train.length, data.columns.length) > 0;
  let alive = rows.map((row) => row.trial);
  for (let rung = 0; rung < rungs.length && alive.length > 0; rung++) {
    const rounds = rungs[rung];
    const fresh: TrialJob[] = [];
    for (const trial of alive) {
      const below = rows[trial].rungs.at(-1);
      if (below !== undefined && below.roundsTrained < below.rounds) {
        rows[trial].rungs.push({ ...below, rounds, seconds: 0, reused: true });
      } else fresh.push({ trial, params: rows[trial].params, rounds });
    }
    // A rung with fewer trials than jobs lends the idle cores to its trials' trainers, on
    // data large enough for the trainer to use workers of its own accord.
    const workers = jobs === 1 || !lendable ? 0 : Math.max(0, Math.floor(jobs / fresh.length) - 1);
    const batch = fresh.map((job) => workers > 0 ? { ...job, workers } : job);
    for (const outcome of await pool.run(batch)) record(rows[outcome.trial], outcome);
    for (const trial of alive) rows[trial].auc = rows[trial].rungs.at(-1)!.auc;
    const promoted = rung + 1 < rungs.length
      ? promoteTrials(alive.map((trial) => ({ trial, auc: rows[trial].auc })), tune.halving.eta)
      : [];
    options.onRung?.(rung, rounds, alive.length, promoted);
    alive = promoted;
  }
  return {
    seed: tune.seed,
    folds: tune.folds,
    eta: tune.halving.eta,
    rungs,
    base: { ...base },
    trials: rows,
    best: bestTrial(rows),
    jobs,
    seconds: (performance.now() - started) / 1000,
  };
}

function record(row: TrialRow, outcome: TrialOutcome): void {
  const { rounds, auc, bestRound, roundsTrained, seconds } = outcome;
  row.rungs.push({ rounds, auc, bestRound, roundsTrained, seconds });
  row.seconds += seconds;
  if (outcome.error !== undefined) row.error = outcome.error;
}

/** The trial that reached the highest rung with the highest CV AUC there (ties: the lower). */
export function bestTrial(rows: readonly TrialRow[]): number {
  let best = -1;
  for (const row of rows) {
    if (!Number.isFinite(row.auc)) continue;
    const current = rows[best];
    if (
      current === undefined || row.rungs.length > current.rungs.length ||
      (row.rungs.length === current.rungs.length && row.auc > current.auc)
    ) best = row.trial;
  }
  if (best < 0) {
    const reason = rows.find((row) => row.error !== undefined)?.error ?? "no trial ran";
    throw new RangeError(`Cannot choose the best trial: no trial has a CV AUC (${reason})`);
  }
  return best;
}
