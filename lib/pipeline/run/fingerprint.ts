/**
 * A stage's fingerprint: its cmd, the hashes of its deps (declared ones plus the local
 * modules its `deno run` imports), the values of the params it names, its out paths and
 * the values of the out-of-repo state it declares;
 * and the comparison with its lock entry that says why it is stale, in DVC's spirit
 * ("dep x modified", "param train.eta 0.1 → 0.05").
 */
import { findCodeDeps } from "./code_deps.ts";
import { canonicalJson } from "../store/canonical_json.ts";
import type { LockEntry, LockPathEntry } from "../store/lock.ts";
import { paramReasons } from "../spec/param_reasons.ts";
import type { StateValue } from "./state.ts";
import type { Hasher, PathHash } from "../store/stat_cache.ts";
import type { PipelineSpec, StageSpec } from "../spec/types.ts";

export { formatParamValue } from "../spec/param_reasons.ts";

/** A stage's current state, ready to compare with its lock entry. */
export interface StageFingerprint {
  stage: string;
  cmd: string[];
  /** Declared and code deps that exist, sorted by path. */
  deps: LockPathEntry[];
  /** Deps that do not exist (yet), sorted. */
  missingDeps: string[];
  /** Values of the named params, sorted by key. */
  params: Record<string, unknown>;
  /** Declared out paths, sorted. */
  outs: string[];
  /** Values of the declared state (`state:`), by name; empty when none is declared. */
  state: Record<string, StateValue>;
}

/** What fingerprinting needs from the repro or status run. */
export interface FingerprintContext {
  root: string;
  spec: PipelineSpec;
  hasher: Hasher;
}

/**
 * Computes a stage's fingerprint from the files as they are now.
 * @example
 * ```ts
 * import { fingerprintStage } from "./fingerprint.ts";
 * import { parsePipeline } from "../spec/load.ts";
 * import { createHasher } from "../store/stat_cache.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${root}/in.txt`, "a");
 * const text = "stages:\n  copy:\n    cmd: cp in.txt out.txt\n    deps: [in.txt]\n    outs: [out.txt]\n";
 * const spec = parsePipeline(text, { exists: () => true });
 * const fp = await fingerprintStage({ root, spec, hasher: await createHasher(root) }, spec.stages[0]);
 * await Deno.remove(root, { recursive: true });
 * if (fp.deps[0]?.path !== "in.txt") throw new Error(JSON.stringify(fp.deps));
 * ```
 */
export async function fingerprintStage(
  context: FingerprintContext,
  stage: StageSpec,
): Promise<StageFingerprint> {
  const codeDeps = await findCodeDeps(context.root, stage.cmd);
  const paths = [...new Set([...stage.deps, ...codeDeps])].sort(comparePaths);
  const hashes = await Promise.all(paths.map((path) => context.hasher.hashPath(path)));
  const deps: LockPathEntry[] = [];
  const missingDeps: string[] = [];
  paths.forEach((path, i) => {
    const hash = hashes[i];
    if (hash === undefined) missingDeps.push(path);
    else deps.push(toPathEntry(path, hash));
  });
  const params = namedParamValues(context.spec, stage);
  const outs = stage.outs.map((out) => out.path).sort(comparePaths);
  const state = await readDeclaredState(context.root, stage);
  return { stage: stage.name, cmd: stage.cmd, deps, missingDeps, params, outs, state };
}

/** The current values of the state a stage declares (the reader is loaded only if needed). */
async function readDeclaredState(
  root: string,
  stage: StageSpec,
): Promise<Record<string, StateValue>> {
  if ((stage.state ?? []).length === 0) return {};
  const { readStates } = await import("./state.ts");
  return await readStates(root, stage.state!);
}

/**
 * The run-cache key of a fingerprint (`runCacheKey` is imported lazily: its module loads
 * the lock's parsers, which an up-to-date stage never needs).
 */
export async function fingerprintRunKey(fingerprint: StageFingerprint): Promise<string> {
  const { runCacheKey } = await import("../store/run_cache.ts");
  const deps: Record<string, string> = {};
  for (const dep of fingerprint.deps) deps[dep.path] = dep.hash;
  return runCacheKey({
    cmd: fingerprint.cmd,
    deps,
    params: fingerprint.params,
    outs: fingerprint.outs,
    state: fingerprint.state,
  });
}

/**
 * The values of the params a stage names, sorted by key: `stageParamValues` of
 * params.ts without loading its YAML parser (the spec was validated, so every key exists).
 */
export function namedParamValues(spec: PipelineSpec, stage: StageSpec): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of [...stage.params].sort()) {
    let node: unknown = spec.params;
    for (const part of key.split(".")) node = (node as Record<string, unknown>)[part];
    values[key] = node;
  }
  return values;
}

/**
 * Reasons the fingerprint differs from the lock entry (empty when it matches); outs'
 * content is checked separately by `outReasons`.
 */
export function staleReasons(
  stage: StageSpec,
  fingerprint: StageFingerprint,
  entry: LockEntry | undefined,
): string[] {
  if (entry === undefined) return ["never run"];
  const reasons: string[] = [];
  for (const path of fingerprint.missingDeps) reasons.push(`dep "${path}" missing`);
  if (stage.alwaysChanged) reasons.unshift("always_changed");
  if (canonicalJson(entry.cmd) !== canonicalJson(fingerprint.cmd)) reasons.push("cmd changed");
  reasons.push(...depReasons(fingerprint, entry));
  reasons.push(...paramReasons(fingerprint.params, entry.params));
  reasons.push(...stateReasons(fingerprint.state, entry.state ?? {}));
  const locked = new Set(entry.outs.map((out) => out.path));
  for (const path of fingerprint.outs) if (!locked.has(path)) reasons.push(`out "${path}" added`);
  const declared = new Set(fingerprint.outs);
  for (const path of locked) if (!declared.has(path)) reasons.push(`out "${path}" removed`);
  return reasons;
}

/** An out whose current content differs from its lock entry. */
export interface OutProblem {
  path: string;
  /** The hash recorded in the lock. */
  hash: string;
  cache: boolean;
  problem: "missing" | "modified";
}

/** Checks each declared out against the lock entry's hash ("missing" or "modified"). */
export async function findOutProblems(
  stage: StageSpec,
  entry: LockEntry,
  hasher: Hasher,
): Promise<OutProblem[]> {
  const recorded = new Map(entry.outs.map((out) => [out.path, out.hash]));
  const problems: OutProblem[] = [];
  await Promise.all(stage.outs.map(async (out) => {
    const hash = recorded.get(out.path);
    if (hash === undefined) return;
    const current = await hasher.hashPath(out.path);
    if (current === undefined) {
      problems.push({ path: out.path, hash, cache: out.cache, problem: "missing" });
    } else if (current.hash !== hash) {
      problems.push({ path: out.path, hash, cache: out.cache, problem: "modified" });
    }
  }));
  return problems.sort((a, b) => comparePaths(a.path, b.path));
}

/** Renders out problems as status reasons (`out "x" missing`). */
export function outReasons(problems: OutProblem[]): string[] {
  return problems.map((p) => `out "${p.path}" ${p.problem}`);
}

/** Builds the lock entry recorded after a successful run. */
export function toLockEntry(fingerprint: StageFingerprint, outs: LockPathEntry[]): LockEntry {
  const entry: LockEntry = {
    cmd: [...fingerprint.cmd],
    deps: fingerprint.deps,
    params: fingerprint.params,
    outs: [...outs].sort((a, b) => comparePaths(a.path, b.path)),
  };
  if (Object.keys(fingerprint.state).length > 0) entry.state = { ...fingerprint.state };
  return entry;
}

/** A lock path entry from a hasher result. */
export function toPathEntry(path: string, hash: PathHash): LockPathEntry {
  const entry: LockPathEntry = { path, hash: hash.hash, size: hash.size };
  if (hash.nfiles !== undefined) entry.nfiles = hash.nfiles;
  return entry;
}

function depReasons(fingerprint: StageFingerprint, entry: LockEntry): string[] {
  const reasons: string[] = [];
  const locked = new Map(entry.deps.map((dep) => [dep.path, dep.hash]));
  const current = new Set<string>();
  for (const dep of fingerprint.deps) {
    current.add(dep.path);
    const hash = locked.get(dep.path);
    if (hash === undefined) reasons.push(`dep "${dep.path}" added`);
    else if (hash !== dep.hash) reasons.push(`dep "${dep.path}" modified`);
  }
  const missing = new Set(fingerprint.missingDeps);
  for (const path of locked.keys()) {
    if (!current.has(path) && !missing.has(path)) reasons.push(`dep "${path}" removed`);
  }
  return reasons;
}

/** `state "registry.champion" changed (v0001 → v0002)`, or added / removed. */
function stateReasons(
  current: Record<string, StateValue>,
  locked: Record<string, StateValue>,
): string[] {
  const reasons: string[] = [];
  for (const name of [...new Set([...Object.keys(locked), ...Object.keys(current)])].sort()) {
    const before = locked[name];
    const after = current[name];
    if (after === undefined) reasons.push(`state "${name}" removed`);
    else if (before === undefined) reasons.push(`state "${name}" added`);
    else if (before.id !== after.id || before.hash !== after.hash) {
      const ids = before.id === after.id
        ? `${after.id}, new content`
        : `${before.id} → ${after.id}`;
      reasons.push(`state "${name}" changed (${ids})`);
    }
  }
  return reasons;
}

/** Orders repo-relative paths by code unit, as the lock file does. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A hasher for deps that answers for a missing path with what the lock records for it as
 * an upstream stage's out: such a dep would be restored, so status and `--dry` should not
 * call its consumers stale.
 */
export function hasherWithLockedOuts(
  hasher: Hasher,
  producerOf: (path: string) => string | undefined,
  lockEntry: (stage: string) => LockEntry | undefined,
): Hasher {
  return {
    async hashPath(relPath) {
      const current = await hasher.hashPath(relPath);
      if (current !== undefined) return current;
      const producer = producerOf(relPath);
      const out = producer === undefined
        ? undefined
        : lockEntry(producer)?.outs.find((o) => o.path === relPath);
      return out === undefined ? undefined : { hash: out.hash, size: out.size, nfiles: out.nfiles };
    },
    flush: () => hasher.flush(),
  };
}
