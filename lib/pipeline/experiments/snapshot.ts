/**
 * The files an experiment runs on, frozen when it is queued: what git tracks plus the
 * untracked files it does not ignore, with their content in the work tree (uncommitted
 * edits included, as `dvc exp run` takes them), and pipeline.lock. Stored once per content
 * under `.repro/exp/snapshots/<hash>/`, so a grid of 10,000 shares one copy.
 */
import { dirname, join } from "node:path";
import { hashBytes, hashFile } from "../store/hash.ts";
import { ExperimentError } from "./errors.ts";
import { experimentPaths } from "./paths.ts";

/** A snapshot taken: its id (content hash) and the commit it was taken on. */
export interface Snapshot {
  id: string;
  baseCommit: string | null;
}

/** Runs git in `root`; undefined when git fails. */
async function gitOutput(root: string, args: string[]): Promise<string | undefined> {
  const output = await new Deno.Command("git", {
    args: ["-C", root, ...args],
    stdout: "piped",
    stderr: "null",
  }).output().catch(() => undefined);
  return output?.success ? new TextDecoder().decode(output.stdout) : undefined;
}

/** Repo-relative paths of the files a snapshot holds, sorted. */
async function snapshotFiles(root: string): Promise<string[]> {
  const listing = await gitOutput(root, [
    "ls-files",
    "-z",
    "--cached",
    "--others",
    "--exclude-standard",
  ]);
  if (listing === undefined) {
    throw new ExperimentError(
      `Cannot snapshot the workspace: ${root} is not a git repository: ` +
        "exp run copies the files git tracks (run git init and commit first)",
    );
  }
  const paths = new Set(listing.split("\0").filter((path) => path !== ""));
  paths.add("pipeline.lock");
  const files: string[] = [];
  for (const path of paths) {
    if (path.startsWith(".repro/")) continue;
    const info = await Deno.stat(join(root, path)).catch(() => undefined);
    if (info?.isFile) files.push(path); // a tracked file deleted in the work tree is left out
  }
  return files.sort();
}

/**
 * Takes (or finds) the snapshot of the work tree at `root`.
 * @example
 * ```ts ignore
 * const { id, baseCommit } = await takeSnapshot(root);
 * ```
 */
export async function takeSnapshot(root: string): Promise<Snapshot> {
  const files = await snapshotFiles(root);
  const lines = await Promise.all(
    files.map(async (path) => `${path}\0${await hashFile(join(root, path))}`),
  );
  const id = hashBytes(lines.join("\n"));
  const baseCommit = (await gitOutput(root, ["rev-parse", "--verify", "-q", "HEAD"]))?.trim() ||
    null;
  const dir = join(experimentPaths(root).snapshots, id);
  if (await Deno.stat(dir).then(() => true, () => false)) return { id, baseCommit };
  const staging = `${dir}.${Deno.pid}-${crypto.randomUUID().slice(0, 8)}.tmp`;
  try {
    for (const path of files) {
      await Deno.mkdir(dirname(join(staging, path)), { recursive: true });
      await Deno.copyFile(join(root, path), join(staging, path));
    }
    await Deno.mkdir(staging, { recursive: true });
    await Deno.rename(staging, dir).catch(async (error) => {
      // Another process published the same content first: theirs is as good as ours.
      if (!(await Deno.stat(dir).then(() => true, () => false))) throw error;
      await Deno.remove(staging, { recursive: true });
    });
  } catch (error) {
    await Deno.remove(staging, { recursive: true }).catch(() => {});
    throw error;
  }
  return { id, baseCommit };
}

/** Absolute path of a snapshot's folder. */
export function snapshotDir(root: string, id: string): string {
  return join(experimentPaths(root).snapshots, id);
}
