/**
 * What repro does with one stage once its upstream is done: skip it if frozen, keep it
 * if up to date, restore its outs from the cache (lock entry or run-cache) if it can,
 * otherwise run it and commit its outs; on failure put its previous outs back.
 */
import { dirname, join } from "node:path";
import type { Cache } from "../store/cache.ts";
import { removeOutDebris } from "../store/debris.ts";
import type { StageRunner } from "./executor.ts";
import {
  findOutProblems,
  fingerprintRunKey,
  fingerprintStage,
  outReasons,
  type StageFingerprint,
  staleReasons,
  toLockEntry,
  toPathEntry,
} from "./fingerprint.ts";
import type { LockEntry, LockPathEntry } from "../store/lock.ts";
import type { Hasher } from "../store/stat_cache.ts";
import type { StageOutcome } from "./summary.ts";
import type { PipelineSpec, StageSpec } from "../spec/types.ts";

/** Everything a stage needs from the repro around it. */
export interface StageContext {
  root: string;
  spec: PipelineSpec;
  /** Hashes repo paths; may remember answers until `forgetHashes` is called. */
  hasher: Hasher;
  /** Called after this stage changed files, so later hashes see the files as they are. */
  forgetHashes: () => void;
  cache: Cache;
  runner: StageRunner;
  force: boolean;
  /** The stage's entry in the lock as read at the start (or written by this repro). */
  lockEntry: (stage: string) => LockEntry | undefined;
  /** Tracks work that may finish after the stage; repro waits for it before returning. */
  background: (task: Promise<void>) => void;
  /** Records a new lock entry (the lock file is rewritten atomically, soon after). */
  commitLockEntry: (stage: string, entry: LockEntry) => void;
  log: (line: string) => void;
  /** Environment for the stage's commands. */
  env: () => Promise<Record<string, string>>;
}

type Outcome = Omit<StageOutcome, "millis">;

/** Brings one stage up to date and says how. */
export async function reproduceStage(context: StageContext, stage: StageSpec): Promise<Outcome> {
  const name = stage.name;
  if (stage.frozen) return { stage: name, result: "skipped", reasons: ["frozen"] };
  const fingerprint = await fingerprintStage(context, stage);
  if (fingerprint.missingDeps.length > 0) {
    const message = `Cannot run stage "${name}": dep "${
      fingerprint.missingDeps[0]
    }" does not exist`;
    context.log(message);
    return { stage: name, result: "failed", reasons: [], error: message };
  }
  const entry = context.lockEntry(name);
  let reasons = context.force ? ["forced"] : staleReasons(stage, fingerprint, entry);
  if (reasons.length === 0 && entry !== undefined) {
    const problems = await findOutProblems(stage, entry, context.hasher);
    if (problems.length === 0) return { stage: name, result: "up to date", reasons: [] };
    reasons = outReasons(problems);
    if (problems.every((p) => p.cache) && await checkoutAll(context, problems)) {
      context.log(`Restored stage "${name}" from the cache: ${reasons.join(", ")}`);
      return { stage: name, result: "restored", reasons };
    }
  } else if (!context.force && !stage.alwaysChanged && stage.outs.every((out) => out.cache)) {
    const restored = await restoreFromRunCache(context, stage, fingerprint);
    if (restored) {
      context.log(`Restored stage "${name}" from the run-cache: ${reasons.join(", ")}`);
      return { stage: name, result: "restored", reasons: [...reasons, "found in run-cache"] };
    }
  }
  return await runStage(context, stage, fingerprint, reasons);
}

async function restoreFromRunCache(
  context: StageContext,
  stage: StageSpec,
  fingerprint: StageFingerprint,
): Promise<boolean> {
  const { loadRun } = await import("../store/run_cache.ts");
  const saved = await loadRun(context.root, await fingerprintRunKey(fingerprint));
  if (saved === undefined) return false;
  const declared = new Set(fingerprint.outs);
  if (saved.outs.length !== declared.size || saved.outs.some((o) => !declared.has(o.path))) {
    return false;
  }
  const targets = [];
  for (const out of saved.outs) {
    const current = await context.hasher.hashPath(out.path);
    if (current?.hash !== out.hash) targets.push({ path: out.path, hash: out.hash });
  }
  if (!await checkoutAll(context, targets)) return false;
  context.commitLockEntry(stage.name, toLockEntry(fingerprint, saved.outs));
  return true;
}

async function runStage(
  context: StageContext,
  stage: StageSpec,
  fingerprint: StageFingerprint,
  reasons: string[],
): Promise<Outcome> {
  const name = stage.name;
  context.log(`Running stage "${name}": ${reasons.join(", ")}`);
  await removeOutDebris(context.root, stage.outs.map((out) => out.path));
  for (const out of stage.outs) {
    const path = join(context.root, out.path);
    if (out.persist) await unprotect(path);
    else await removePath(path);
    await Deno.mkdir(dirname(path), { recursive: true });
  }
  context.forgetHashes();
  const result = await context.runner({
    stage: name,
    cmd: stage.cmd,
    cwd: context.root,
    env: await context.env(),
  });
  context.forgetHashes(); // the command may have written more than its outs
  if (result.code !== 0) {
    const message = `Stage "${name}" failed: command exited with code ${result.code}` +
      (result.failedCmd === undefined ? "" : `: ${result.failedCmd}`) +
      (result.errorLine === undefined ? "" : `: ${result.errorLine}`);
    return await failStage(context, stage, reasons, message);
  }
  const outs: LockPathEntry[] = [];
  for (const out of stage.outs) {
    const hash = out.cache
      ? await commitOut(context, out.path, out.persist)
      : await context.hasher.hashPath(out.path);
    if (hash === undefined) {
      const message = `Stage "${name}" failed: out "${out.path}" was not created`;
      return await failStage(context, stage, reasons, message);
    }
    outs.push(toPathEntry(out.path, hash));
  }
  const entry = toLockEntry(fingerprint, outs);
  if (stage.outs.every((out) => out.cache) && !stage.alwaysChanged) {
    // Saved in the background: downstream stages need not wait for its fsyncs, and a
    // crash before it lands only means a later revert re-runs the stage.
    context.background((async () => {
      const { saveRun } = await import("../store/run_cache.ts");
      await saveRun(context.root, await fingerprintRunKey(fingerprint), entry);
    })());
  }
  context.commitLockEntry(name, entry);
  return { stage: name, result: "ran", reasons };
}

/** Commits an out; a persist out stays a plain writable copy, as its stage edits it. */
async function commitOut(context: StageContext, path: string, persist: boolean) {
  try {
    await Deno.lstat(join(context.root, path));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  return await context.cache.commit(path, context.hasher, { link: !persist });
}

/**
 * Turns a checked-out persist out (read-only links into the cache) back into plain
 * writable files, so the stage can edit it in place without touching the cache.
 */
async function unprotect(path: string): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.lstat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  if (info.isDirectory) {
    for await (const entry of Deno.readDir(path)) await unprotect(join(path, entry.name));
    return;
  }
  if (!info.isFile || ((info.nlink ?? 1) <= 1 && ((info.mode ?? 0o644) & 0o200) !== 0)) return;
  const temp = `${path}.unprotect-${crypto.randomUUID().slice(0, 8)}.tmp`;
  await Deno.copyFile(path, temp);
  await Deno.chmod(temp, 0o644);
  await Deno.rename(temp, path);
}

/** Puts back the outs the stage had before it ran (or removes what it half wrote). */
async function failStage(
  context: StageContext,
  stage: StageSpec,
  reasons: string[],
  message: string,
): Promise<Outcome> {
  const previous = new Map((context.lockEntry(stage.name)?.outs ?? []).map((o) => [o.path, o]));
  const cleanup: string[] = [];
  for (const out of stage.outs) {
    try {
      await removeOutDebris(context.root, [out.path]);
      if (out.persist) continue;
      await removePath(join(context.root, out.path));
      const before = previous.get(out.path);
      if (out.cache && before !== undefined) await context.cache.checkout(out.path, before.hash);
    } catch (error) {
      // The stage's own error stays the message; what the cleanup hit is added after it.
      cleanup.push(`cannot put back out "${out.path}": ${(error as Error).message}`);
    }
  }
  context.forgetHashes();
  const error = [message, ...cleanup].join("; ");
  context.log(error);
  return { stage: stage.name, result: "failed", reasons, error };
}

async function checkoutAll(
  context: StageContext,
  targets: { path: string; hash: string }[],
): Promise<boolean> {
  try {
    for (const target of targets) {
      await removePath(join(context.root, target.path));
      if (!await context.cache.checkout(target.path, target.hash)) return false;
    }
    return true;
  } finally {
    if (targets.length > 0) context.forgetHashes();
  }
}

/** Removes a file or directory tree; a missing path is fine. */
export async function removePath(path: string): Promise<void> {
  try {
    await Deno.remove(path, { recursive: true });
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}
