/**
 * A hasher that answers each path once per repro: stage A's out is stage B's dep, so a
 * no-op would otherwise stat it twice (once to check A's outs, once for B's fingerprint).
 * The runner forgets every answer whenever it changes files (a stage ran, or outs were put
 * back), since a command may write more than it declares.
 */
import { type Hasher, normalizeRelPath, type PathHash } from "./stat_cache.ts";

/** A hasher that remembers its answers until told to forget them. */
export interface RememberingHasher extends Hasher {
  /** Drops every remembered answer (call after anything wrote into the repo). */
  forget(): void;
}

/**
 * Wraps `hasher` so repeated `hashPath` calls for one path share one answer.
 * @example
 * ```ts
 * import { createHasher } from "./stat_cache.ts";
 * import { rememberingHasher } from "./run_hasher.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${root}/a.txt`, "a");
 * const hasher = rememberingHasher(await createHasher(root));
 * const first = await hasher.hashPath("a.txt");
 * await Deno.writeTextFile(`${root}/a.txt`, "changed");
 * const remembered = await hasher.hashPath("./a.txt"); // the same answer as before
 * hasher.forget();
 * const fresh = await hasher.hashPath("a.txt");
 * await Deno.remove(root, { recursive: true });
 * if (remembered?.hash !== first?.hash || fresh?.hash === first?.hash) throw new Error("memo");
 * ```
 */
export function rememberingHasher(hasher: Hasher): RememberingHasher {
  let answers = new Map<string, Promise<PathHash | undefined>>();
  return {
    hashPath(relPath: string): Promise<PathHash | undefined> {
      const key = normalizeRelPath(relPath);
      let answer = answers.get(key);
      if (answer === undefined) {
        const remembered = answers;
        answer = hasher.hashPath(key);
        // A failed hash is not remembered: the next caller tries again.
        answer.catch(() => remembered.get(key) === answer && remembered.delete(key));
        answers.set(key, answer);
      }
      return answer;
    },
    forget(): void {
      answers = new Map();
    },
    flush: () => hasher.flush(),
  };
}
