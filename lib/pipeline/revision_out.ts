/**
 * An out's file as a git revision had it: by the hash that revision's pipeline.lock
 * recorded, from the cache (outs are generated and git-ignored), else from git when the
 * file is tracked there. Files inside a directory out are found through its manifest.
 */
import { openCache } from "./store/cache.ts";
import { LOCK_FILE, parseLock } from "./store/lock.ts";
import { isDirHash, parseManifest } from "./store/manifest.ts";
import { isSameOrInside } from "./spec/repo_path.ts";
import type { Revision } from "./revision.ts";

/** Reads outs' files at one revision; the lock is read once. */
export interface RevisionOutReader {
  /** The file's bytes at the revision, or undefined when neither the cache nor git has it. */
  read(path: string): Promise<Uint8Array | undefined>;
}

/**
 * Opens a reader of the revision's outs over the cache of the repo at `root`.
 * @example
 * ```ts
 * import { openRevision } from "./revision.ts";
 * import { openRevisionOuts } from "./revision_out.ts";
 * const root = await Deno.makeTempDir();
 * const git = (...args: string[]) =>
 *   new Deno.Command("git", { args: ["-C", root, ...args], stdout: "null", stderr: "null" }).output();
 * await git("init", "-q");
 * await Deno.writeTextFile(`${root}/notes.json`, "[1]");
 * await git("add", "notes.json");
 * await git("-c", "user.name=x", "-c", "user.email=x@example.com", "commit", "-qm", "notes");
 * const outs = await openRevisionOuts(root, await openRevision(root, "HEAD"));
 * const bytes = await outs.read("notes.json"); // tracked in git, no lock: read from git
 * await Deno.remove(root, { recursive: true });
 * if (new TextDecoder().decode(bytes) !== "[1]") throw new Error("expected the file");
 * ```
 */
export async function openRevisionOuts(
  root: string,
  revision: Revision,
): Promise<RevisionOutReader> {
  const lockText = await revision.readText(LOCK_FILE);
  const lock = lockText === undefined ? undefined : parseLock(lockText);
  const hashes = new Map<string, string>();
  for (const entry of Object.values(lock?.stages ?? {})) {
    for (const out of entry.outs) hashes.set(out.path, out.hash);
  }
  const cache = openCache(root);

  async function fromCache(path: string): Promise<Uint8Array | undefined> {
    const hash = hashes.get(path);
    if (hash !== undefined && !isDirHash(hash)) return await cache.readFileObject(hash);
    for (const [out, outHash] of hashes) {
      if (!isDirHash(outHash) || !isSameOrInside(path, out) || path === out) continue;
      const manifest = await cache.readFileObject(outHash);
      if (manifest === undefined) return undefined;
      const relpath = path.slice(out.length + 1);
      const entry = parseManifest(new TextDecoder().decode(manifest))
        .find((e) => e.relpath === relpath);
      return entry === undefined ? undefined : await cache.readFileObject(entry.hash);
    }
    return undefined;
  }

  return {
    async read(path) {
      return await fromCache(path) ?? await revision.readFile(path);
    },
  };
}
