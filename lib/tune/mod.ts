/**
 * Hyper-parameter search for the GBDT (`deno task tune`): the `tune:` params and their
 * search space, seeded random trials scored by k-fold CV with successive halving on
 * rounds, the trial table and its report page, and the best params as an experiment.
 */
export { TUNABLE_PARAMS, type TunableParam, TuneParams } from "./params.ts";
export { bestTrial, runSearch, type SearchResult, type TrialRow } from "./search.ts";
export { renderTunePage } from "./report.ts";
export { runTune, type RunTuneOptions, type TuneOutcome } from "./run.ts";
