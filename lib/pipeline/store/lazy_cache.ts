/**
 * The cache opened on first use: a no-op repro never commits or checks out, so it need
 * not load cache.ts and the hashing modules (node:crypto) behind it.
 */
import type { Cache, CacheOptions } from "./cache.ts";

/**
 * `openCache(root, options)`, imported and opened when a method is first called.
 * @example
 * ```ts
 * import { openCacheLazily } from "./lazy_cache.ts";
 * const root = await Deno.makeTempDir();
 * const cache = openCacheLazily(root); // nothing loaded yet
 * const present = await cache.has("0".repeat(64)); // cache.ts is loaded here
 * await Deno.remove(root, { recursive: true });
 * if (present) throw new Error("an empty cache has no objects");
 * ```
 */
export function openCacheLazily(root: string, options: CacheOptions = {}): Cache {
  let opened: Promise<Cache> | undefined;
  const cache = () => opened ??= import("./cache.ts").then((m) => m.openCache(root, options));
  return {
    commit: async (relPath, hasher, commitOptions) =>
      await (await cache()).commit(relPath, hasher, commitOptions),
    checkout: async (relPath, hash) => await (await cache()).checkout(relPath, hash),
    has: async (hash) => await (await cache()).has(hash),
    readFileObject: async (hash) => await (await cache()).readFileObject(hash),
  };
}
