/** The git commit a result was produced from, and whether the tree had local changes. */

/** HEAD's commit and the dirty flag; null where git is missing or this is no repository. */
export interface GitState {
  commit: string | null;
  dirty: boolean | null;
}

/** Reads the git state of the repository at `root`. */
export async function gitState(root = "."): Promise<GitState> {
  const commit = await git(root, ["rev-parse", "HEAD"]);
  const status = await git(root, ["status", "--porcelain", "--untracked-files=no"]);
  return { commit, dirty: status === null ? null : status.length > 0 };
}

async function git(root: string, args: string[]): Promise<string | null> {
  try {
    const out = await new Deno.Command("git", { args, cwd: root, stdout: "piped", stderr: "null" })
      .output();
    return out.success ? new TextDecoder().decode(out.stdout).trim() : null;
  } catch {
    return null; // git is not installed
  }
}
