/**
 * Lineage recorded with a registered version: the params, the hashes of every upstream
 * out in pipeline.lock, the git commit (and whether the tree had uncommitted changes),
 * and the time.
 */
import { readLock } from "../pipeline/store/lock.ts";
import { type GitState, gitState } from "../git/state.ts";

/** Where a model came from. */
export interface Lineage {
  params: Record<string, unknown>;
  /** Stage → out path → content hash, from pipeline.lock. */
  inputs: Record<string, Record<string, string>>;
  git: GitState;
  time: string;
}

/** Collects the lineage of the repo at `root` as it stands now. */
export async function collectLineage(
  root: string,
  params: Record<string, unknown>,
  now: Date = new Date(),
): Promise<Lineage> {
  const lock = await readLock(root);
  const inputs: Lineage["inputs"] = {};
  for (const [stage, entry] of Object.entries(lock.stages)) {
    inputs[stage] = Object.fromEntries(entry.outs.map((out) => [out.path, out.hash]));
  }
  return { params, inputs, git: await gitState(root), time: now.toISOString() };
}
