/**
 * Where the runner keeps things, knowing nothing of stages: content hashes and canonical
 * JSON, atomic writes, the content-addressed cache and its links, the stat cache that
 * skips re-hashing unchanged files, the run-cache, pipeline.lock, debris of killed writes,
 * and `gc`. Imports nothing from `../spec/` or `../run/`.
 * @example
 * ```ts
 * import { canonicalJson, hashBytes } from "./mod.ts";
 * const key = hashBytes(canonicalJson({ b: 1, a: 2 }));
 * if (key !== hashBytes('{"a":2,"b":1}')) throw new Error("keys are not canonical");
 * ```
 */
export { syncDirectory, tempPathBeside, writeFileAtomic } from "./atomic.ts";
export { canonicalJson, hashBytes, hashFile, hashFileWithSize } from "./hash.ts";
export { digestHex } from "./digest.ts";
export { type Cache, type CacheOptions, openCache } from "./cache.ts";
export { createHasher, type Hasher, openHasher, type PathHash } from "./stat_cache.ts";
export { loadRun, runCacheKey, saveRun } from "./run_cache.ts";
export {
  LOCK_FILE,
  type LockEntry,
  type LockFile,
  LockFileError,
  type LockPathEntry,
  readLock,
  writeLock,
} from "./lock.ts";
export { removeDeadTemp, removeOutDebris } from "./debris.ts";
export { collectGarbage, type GcOptions, type GcResult } from "./gc.ts";
