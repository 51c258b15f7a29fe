/**
 * Lineage recorded with a registered version: the params, the hashes of every upstream
 * out in pipeline.lock, the git commit (and whether the tree had uncommitted changes),
 * and the time.
 */
import { readLock } from "../pipeline/lock.ts";

/** Where a model came from. */
export interface Lineage {
  params: Record<string, unknown>;
  /** Stage → out path → content hash, from pipeline.lock. */
  inputs: Record<string, Record<string, string>>;
  git: { commit: string | null; dirty: boolean | null };
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

async function gitState(root: string): Promise<Lineage["git"]> {
  const run = async (args: string[]) => {
    try {
      const out = await new Deno.Command("git", {
        args,
        cwd: root,
        stdout: "piped",
        stderr: "null",
      })
        .output();
      return out.success ? new TextDecoder().decode(out.stdout).trim() : null;
    } catch {
      return null; // git is not installed
    }
  };
  const commit = await run(["rev-parse", "HEAD"]);
  const status = await run(["status", "--porcelain", "--untracked-files=no"]);
  return { commit, dirty: status === null ? null : status.length > 0 };
}
