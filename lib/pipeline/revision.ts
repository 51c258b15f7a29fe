/**
 * Files as a git revision holds them, for comparing params and metrics against a commit.
 */
import { PipelineError } from "./spec/errors.ts";

/** Reads files of one resolved git revision. */
export interface Revision {
  /** The revision as the user named it, e.g. "HEAD~1". */
  name: string;
  /** The full commit hash it resolved to. */
  commit: string;
  /** A repo-relative file's bytes at this revision, or undefined when it holds no such file. */
  readFile(relPath: string): Promise<Uint8Array | undefined>;
  /** The same as text (UTF-8). */
  readText(relPath: string): Promise<string | undefined>;
}

async function git(root: string, args: string[]): Promise<Deno.CommandOutput> {
  return await new Deno.Command("git", {
    args: ["-C", root, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
}

/**
 * Resolves `rev` in the git repository holding `root`; an unknown revision (or no
 * repository) is a PipelineError naming it.
 * @example
 * ```ts
 * import { openRevision } from "./revision.ts";
 * const root = await Deno.makeTempDir();
 * const git = (...args: string[]) =>
 *   new Deno.Command("git", { args: ["-C", root, ...args], stdout: "null", stderr: "null" }).output();
 * await git("init", "-q");
 * await Deno.writeTextFile(`${root}/pipeline.lock`, 'schema: "1"\nstages: {}\n');
 * await git("add", "pipeline.lock");
 * await git("-c", "user.name=x", "-c", "user.email=x@example.com", "commit", "-qm", "lock");
 * const head = await openRevision(root, "HEAD");
 * const text = await head.readText("pipeline.lock");
 * await Deno.remove(root, { recursive: true });
 * if (!text?.startsWith('schema: "1"')) throw new Error(`got ${text}`);
 * ```
 */
export async function openRevision(root: string, rev: string): Promise<Revision> {
  const resolved = await git(root, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]);
  if (!resolved.success) {
    const reason = new TextDecoder().decode(resolved.stderr).trim().split("\n")[0];
    throw new PipelineError(`Cannot read git revision "${rev}"`, [{
      rule: "bad_revision",
      detail: reason !== "" ? reason : "not a commit of this repository",
    }]);
  }
  const commit = new TextDecoder().decode(resolved.stdout).trim();

  async function readFile(relPath: string): Promise<Uint8Array | undefined> {
    // "./" makes the path relative to root even when root is below the repository's top.
    const shown = await git(root, ["show", `${commit}:./${relPath}`]);
    return shown.success ? shown.stdout : undefined;
  }

  return {
    name: rev,
    commit,
    readFile,
    async readText(relPath) {
      const bytes = await readFile(relPath);
      return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
    },
  };
}
