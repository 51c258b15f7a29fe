/**
 * Where the cache keeps objects and scratch files, apart from cache.ts so code that only
 * needs the paths (the debris sweep of every repro) does not load the hashing modules.
 */

/** Directory of cache objects, relative to the repo root. */
export const OBJECTS_DIR = ".repro/cache/objects";
/**
 * Scratch space for half-written objects, relative to the root; each entry is named
 * `<pid>-<uuid>` so a later repro can tell a dead run's debris from a live one's.
 */
export const TEMP_DIR = ".repro/tmp";
