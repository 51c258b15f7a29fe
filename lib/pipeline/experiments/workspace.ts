/**
 * An experiment's isolated workspace, `.repro/exp/workspaces/<name>-<attempt>/`: a copy of
 * its snapshot with the user's cache, run-cache and node_modules linked in (so unchanged
 * stages are restored, not re-run) and the user's registry linked for reading the
 * champion. Experiments never run the stages that write the registry, so nothing there
 * changes; the workspace lives under the user's `.repro/`, on the cache's filesystem, so
 * the runner's renames into the cache stay atomic.
 */
import { dirname, join } from "node:path";
import { experimentPaths } from "./paths.ts";
import { snapshotDir } from "./snapshot.ts";

/** What a workspace shares with the user's repo, by repo-relative path. */
export const SHARED_PATHS = [".repro/cache", ".repro/runs", "node_modules", "data/registry"];

/** Absolute path of the workspace of one attempt of an experiment. */
export function workspacePath(root: string, name: string, attempt: number): string {
  return join(experimentPaths(root).workspaces, `${name}-${attempt}`);
}

/**
 * Creates a fresh workspace for an attempt (an older one at the same path is removed).
 * @example
 * ```ts ignore
 * const workspace = await createWorkspace(root, record.snapshot, "exp-1a2b3", 1);
 * ```
 */
export async function createWorkspace(
  root: string,
  snapshot: string,
  name: string,
  attempt: number,
): Promise<string> {
  const workspace = workspacePath(root, name, attempt);
  await Deno.remove(workspace, { recursive: true }).catch(() => {});
  await Deno.mkdir(dirname(workspace), { recursive: true });
  const source = snapshotDir(root, snapshot);
  const copy = await new Deno.Command("cp", {
    args: ["-R", "--reflink=auto", source, workspace],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!copy.success) {
    throw new Error(
      `Cannot create the workspace of experiment "${name}" from snapshot ${snapshot}: ${
        new TextDecoder().decode(copy.stderr).trim()
      }`,
    );
  }
  await Deno.mkdir(join(root, ".repro/cache"), { recursive: true });
  await Deno.mkdir(join(root, ".repro/runs"), { recursive: true });
  for (const path of SHARED_PATHS) {
    const target = join(root, path);
    if (!(await Deno.stat(target).then(() => true, () => false))) continue;
    await Deno.mkdir(dirname(join(workspace, path)), { recursive: true });
    await Deno.symlink(target, join(workspace, path));
  }
  return workspace;
}

/** Removes a workspace (absent is fine). */
export async function removeWorkspace(workspace: string): Promise<void> {
  await Deno.remove(workspace, { recursive: true }).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
}
