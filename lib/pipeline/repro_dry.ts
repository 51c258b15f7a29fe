/** `repro --dry`: what each planned stage would do, computed without changing anything. */
import {
  findOutProblems,
  fingerprintRunKey,
  fingerprintStage,
  outReasons,
  staleReasons,
} from "./fingerprint.ts";
import type { StageFingerprint } from "./fingerprint.ts";
import type { StageContext } from "./repro_stage.ts";
import type { StageOutcome } from "./summary.ts";
import type { StageSpec } from "./types.ts";

type Outcome = Omit<StageOutcome, "millis">;

/** Decides what repro would do with a stage given what it decided upstream. */
export async function dryRunStage(
  context: StageContext,
  stage: StageSpec,
  upstream: StageOutcome[],
): Promise<Outcome> {
  const name = stage.name;
  if (stage.frozen) return { stage: name, result: "skipped", reasons: ["frozen"] };
  const fingerprint = await fingerprintStage(
    { ...context, hasher: context.depHasher ?? context.hasher },
    stage,
  );
  const changedUpstream = upstream.filter((o) => o.result === "would run")
    .map((o) => `upstream stage "${o.stage}" would run`);
  const entry = context.lockEntry(name);
  const reasons = context.force
    ? ["forced"]
    : [...staleReasons(stage, fingerprint, entry), ...changedUpstream];
  if (reasons.length === 0 && entry !== undefined) {
    const problems = await findOutProblems(stage, entry, context.hasher);
    if (problems.length === 0) return { stage: name, result: "up to date", reasons: [] };
    const result = problems.every((p) => p.cache) ? "would restore" : "would run";
    context.log(`Would ${result === "would run" ? "run" : "restore"} stage "${name}"`);
    return { stage: name, result, reasons: outReasons(problems) };
  }
  const fromRunCache = !context.force && !stage.alwaysChanged && changedUpstream.length === 0 &&
    stage.outs.every((out) => out.cache) && await inRunCache(context.root, fingerprint);
  const result = fromRunCache ? "would restore" : "would run";
  context.log(`Would ${fromRunCache ? "restore" : "run"} stage "${name}": ${reasons.join(", ")}`);
  return { stage: name, result, reasons };
}

async function inRunCache(root: string, fingerprint: StageFingerprint): Promise<boolean> {
  const { loadRun } = await import("./run_cache.ts");
  return await loadRun(root, await fingerprintRunKey(fingerprint)) !== undefined;
}
