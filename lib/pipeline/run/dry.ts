/**
 * `repro --dry`: what each planned stage would do, decided the way `reproduceStage`
 * decides it, without changing anything. Deps produced upstream hash as the real run
 * would leave them (dry_hasher.ts); where that depends on what a running stage will
 * write, the answer is "may run": it runs, is restored or stays up to date depending on
 * those outs. A stage that must run (or fail) whatever they are says so.
 */
import type { Cache } from "../store/cache.ts";
import { type PredictedOuts, predictingHasher, UNKNOWN_HASH } from "./dry_hasher.ts";
import {
  findOutProblems,
  fingerprintRunKey,
  fingerprintStage,
  outReasons,
  type StageFingerprint,
  staleReasons,
} from "./fingerprint.ts";
import { canonicalJson } from "../store/canonical_json.ts";
import type { LockEntry, LockPathEntry } from "../store/lock.ts";
import type { StageContext } from "./stage.ts";
import type { StageOutcome } from "./summary.ts";
import type { StageSpec } from "../spec/types.ts";

type Outcome = Omit<StageOutcome, "millis">;

/** What the dry run knows across stages: each decided stage's predicted outs. */
export interface DryRun {
  /** The stage that outputs a path (or holds it inside an out), if any. */
  producerOf: (path: string) => string | undefined;
  /** Outs strictly inside a path, with their stage. */
  outsInside: (path: string) => { stage: string; path: string }[];
  predictions: Map<string, PredictedOuts>;
}

/** Decides what repro would do with a stage, given what was decided upstream. */
export async function dryRunStage(
  context: StageContext,
  stage: StageSpec,
  dry: DryRun,
): Promise<Outcome> {
  const decided = await decide(context, stage, dry);
  if (decided.prediction !== undefined) dry.predictions.set(stage.name, decided.prediction);
  if (decided.outcome.result !== "up to date" && decided.outcome.result !== "skipped") {
    const verb = decided.outcome.result === "may run"
      ? "May run"
      : decided.outcome.result === "would restore"
      ? "Would restore"
      : decided.outcome.result === "would fail"
      ? "Would fail"
      : "Would run";
    const why = decided.outcome.error ?? decided.outcome.reasons.join(", ");
    context.log(`${verb} stage "${stage.name}"${why === "" ? "" : `: ${why}`}`);
  }
  return decided.outcome;
}

interface Decision {
  outcome: Outcome;
  /** Undefined for a frozen stage: it leaves its outs as they are, so deps read the files. */
  prediction?: PredictedOuts;
}

const UNKNOWN: PredictedOuts = { known: false };

async function decide(context: StageContext, stage: StageSpec, dry: DryRun): Promise<Decision> {
  const name = stage.name;
  // A frozen stage leaves its outs as they are on disk: no prediction, deps read them.
  if (stage.frozen) return { outcome: { stage: name, result: "skipped", reasons: ["frozen"] } };
  const hasher = predictingHasher({
    root: context.root,
    outsInside: dry.outsInside,
    hasher: context.hasher,
    cache: context.cache,
    producerOf: dry.producerOf,
    predicted: (stage) => dry.predictions.get(stage),
  });
  const fingerprint = await fingerprintStage({ ...context, hasher }, stage);
  if (fingerprint.missingDeps.length > 0) {
    const error = `Cannot run stage "${name}": dep "${fingerprint.missingDeps[0]}" does not exist`;
    return {
      outcome: { stage: name, result: "would fail", reasons: [], error },
      prediction: UNKNOWN,
    };
  }
  const entry = context.lockEntry(name);
  if (context.force) return run(name, ["forced"]);
  if (hasher.unknown.size > 0) {
    return await decideUnknown(context, stage, fingerprint, entry, hasher.unknown);
  }
  const reasons = staleReasons(stage, fingerprint, entry);
  if (reasons.length === 0 && entry !== undefined) {
    const problems = await findOutProblems(stage, entry, context.hasher);
    const known: PredictedOuts = { known: true, outs: entry.outs };
    if (problems.length === 0) {
      return { outcome: { stage: name, result: "up to date", reasons: [] }, prediction: known };
    }
    const restorable = problems.every((p) => p.cache) &&
      await allInCache(context.cache, problems);
    return restorable
      ? {
        outcome: { stage: name, result: "would restore", reasons: outReasons(problems) },
        prediction: known,
      }
      : run(name, outReasons(problems));
  }
  if (usesRunCache(stage)) {
    const saved = await restorableRun(context, fingerprint);
    if (saved !== undefined) {
      return {
        outcome: {
          stage: name,
          result: "would restore",
          reasons: [...reasons, "found in run-cache"],
        },
        prediction: { known: true, outs: saved.outs },
      };
    }
  }
  return run(name, reasons);
}

/**
 * A stage with deps a running stage will write: it must run when it is stale for
 * reasons of its own and no saved run could restore it; otherwise it "may run".
 */
async function decideUnknown(
  context: StageContext,
  stage: StageSpec,
  fingerprint: StageFingerprint,
  entry: LockEntry | undefined,
  unknown: Map<string, string>,
): Promise<Decision> {
  const upstream = [...new Set(unknown.values())].sort()
    .map((name) => `upstream stage "${name}" would run`);
  // Its own reasons: as if every unknown dep came out as the lock records it.
  const locked = new Map((entry?.deps ?? []).map((dep) => [dep.path, dep]));
  const assumed = {
    ...fingerprint,
    deps: fingerprint.deps.flatMap((dep) => {
      if (dep.hash !== UNKNOWN_HASH) return [dep];
      const before = locked.get(dep.path);
      return before === undefined ? [] : [before];
    }),
  };
  const own = staleReasons(stage, assumed, entry)
    .filter((reason) => ![...unknown.keys()].some((path) => reason === `dep "${path}" removed`));
  const reasons = [...own, ...upstream];
  const certain = own.length > 0 &&
    !(usesRunCache(stage) && await anySavedRunCouldMatch(context.root, fingerprint));
  return certain
    ? run(stage.name, reasons)
    : { outcome: { stage: stage.name, result: "may run", reasons }, prediction: UNKNOWN };
}

function run(name: string, reasons: string[]): Decision {
  return { outcome: { stage: name, result: "would run", reasons }, prediction: UNKNOWN };
}

function usesRunCache(stage: StageSpec): boolean {
  return !stage.alwaysChanged && stage.outs.every((out) => out.cache);
}

/** The run-cache entry `restoreFromRunCache` would restore, checked the same way. */
async function restorableRun(
  context: StageContext,
  fingerprint: StageFingerprint,
): Promise<LockEntry | undefined> {
  const { loadRun } = await import("../store/run_cache.ts");
  const saved = await loadRun(context.root, await fingerprintRunKey(fingerprint));
  if (saved === undefined) return undefined;
  const declared = new Set(fingerprint.outs);
  if (saved.outs.length !== declared.size || saved.outs.some((o) => !declared.has(o.path))) {
    return undefined;
  }
  const differing: LockPathEntry[] = [];
  for (const out of saved.outs) {
    if ((await context.hasher.hashPath(out.path))?.hash !== out.hash) differing.push(out);
  }
  return await allInCache(context.cache, differing) ? saved : undefined;
}

async function allInCache(cache: Cache, outs: { hash: string }[]): Promise<boolean> {
  for (const out of outs) if (!await cache.has(out.hash)) return false;
  return true;
}

/** True when a saved run agrees with the fingerprint on everything known now. */
async function anySavedRunCouldMatch(
  root: string,
  fingerprint: StageFingerprint,
): Promise<boolean> {
  const { savedRuns } = await import("../store/run_cache.ts");
  const deps = new Map(fingerprint.deps.map((dep) => [dep.path, dep.hash]));
  for await (const saved of savedRuns(root)) {
    if (canonicalJson(saved.cmd) !== canonicalJson(fingerprint.cmd)) continue;
    if (canonicalJson(saved.params) !== canonicalJson(fingerprint.params)) continue;
    if (canonicalJson(saved.state ?? {}) !== canonicalJson(fingerprint.state)) continue;
    if (canonicalJson(saved.outs.map((o) => o.path).sort()) !== canonicalJson(fingerprint.outs)) {
      continue;
    }
    if (saved.deps.length !== deps.size) continue;
    const agrees = saved.deps.every((dep) => {
      const hash = deps.get(dep.path);
      return hash !== undefined && (hash === UNKNOWN_HASH || hash === dep.hash);
    });
    if (agrees) return true;
  }
  return false;
}
