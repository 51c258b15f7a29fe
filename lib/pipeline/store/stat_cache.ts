/**
 * The stat cache: (path, size, mtime, ctime, inode) → hash, persisted in
 * `.repro/stat-cache.json`, so a no-op repro stats files instead of reading them. ctime is
 * in the key because nobody can set it back: an in-place edit followed by `touch -r` keeps
 * size and mtime but not ctime. Directories are hashed from a manifest of their files,
 * each file through the same cache. The hashing modules (and node:crypto with them) are
 * imported only when a file must be read, so a no-op repro never loads them.
 */
import { join, resolve } from "node:path";
import { writeFileAtomic } from "./atomic.ts";
import type { ManifestEntry } from "./manifest.ts";

/** A path's content hash; `nfiles` is set for directories. */
export interface PathHash {
  hash: string;
  size: number;
  nfiles?: number;
}

/** Hashes repo paths through the stat cache. */
export interface Hasher {
  /** Hash of a repo-relative file or directory; undefined when it does not exist. */
  hashPath(relPath: string): Promise<PathHash | undefined>;
  /** Persists the stat cache (atomically; a no-op when nothing changed). */
  flush(): Promise<void>;
}

/** Where the stat cache lives, relative to the repo root. */
export const STAT_CACHE_FILE = ".repro/stat-cache.json";

const FORMAT_VERSION = 2;

/** [size, mtime ms, inode, hash, ms timestamp taken just before the file was read, ctime ms]. */
type StatEntry = [number, number, number, string, number, number];

const hashers = new Map<string, Promise<Hasher>>();

/**
 * Returns the process-wide hasher of a repo (one per root, so the fingerprint, the cache
 * and code deps share one stat cache and its in-memory state).
 */
export function openHasher(root: string): Promise<Hasher> {
  const key = resolve(root);
  let hasher = hashers.get(key);
  if (!hasher) {
    hasher = createHasher(key);
    hashers.set(key, hasher);
    hasher.catch(() => hashers.delete(key));
  }
  return hasher;
}

/** Creates a hasher that loads `.repro/stat-cache.json` afresh (not shared). */
export async function createHasher(root: string): Promise<Hasher> {
  const entries = await loadEntries(root);
  const inflight = new Map<string, Promise<PathHash | undefined>>();
  let dirty = false;
  let flushing: Promise<void> = Promise.resolve();

  async function hashFileCached(relPath: string, info: Deno.FileInfo): Promise<PathHash> {
    const mtime = info.mtime?.getTime() ?? 0;
    const ctime = info.ctime?.getTime() ?? 0;
    const ino = info.ino ?? 0;
    const cached = entries.get(relPath);
    if (
      cached && cached[0] === info.size && cached[1] === mtime && cached[2] === ino &&
      cached[5] === ctime && !isRacy(mtime, cached[4]) && !isRacy(ctime, cached[4])
    ) {
      return { hash: cached[3], size: info.size };
    }
    const startedAt = Date.now();
    const { hashFileWithSize } = await import("./hash.ts");
    const { hash, size } = await hashFileWithSize(join(root, relPath));
    // A file that changed while being read is hashed again next time.
    if (size === info.size) {
      entries.set(relPath, [info.size, mtime, ino, hash, startedAt, ctime]);
      dirty = true;
    }
    return { hash, size };
  }

  async function hashDirectory(relPath: string): Promise<PathHash> {
    const manifest = await directoryManifest(hasher, root, relPath);
    const { manifestHash } = await import("./manifest.ts");
    let size = 0;
    for (const entry of manifest) size += entry.size;
    return { hash: manifestHash(manifest), size, nfiles: manifest.length };
  }

  async function hashUncached(relPath: string): Promise<PathHash | undefined> {
    let info: Deno.FileInfo;
    try {
      // Sync on purpose: a stat takes microseconds, the async op's thread hop several times
      // that (1,000 outs: ~3 ms against ~20 ms).
      info = Deno.statSync(join(root, relPath));
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      if (entries.delete(relPath)) dirty = true;
      return undefined;
    }
    return info.isDirectory ? await hashDirectory(relPath) : await hashFileCached(relPath, info);
  }

  const hasher: Hasher = {
    hashPath(relPath: string): Promise<PathHash | undefined> {
      const key = normalizeRelPath(relPath);
      let pending = inflight.get(key);
      if (!pending) {
        pending = hashUncached(key).finally(() => inflight.delete(key));
        inflight.set(key, pending);
      }
      return pending;
    },
    flush(): Promise<void> {
      flushing = flushing.then(async () => {
        if (!dirty) return;
        dirty = false;
        try {
          await saveEntries(root, entries);
        } catch (error) {
          dirty = true;
          throw error;
        }
      });
      return flushing;
    },
  };
  return hasher;
}

/**
 * Walks a directory and hashes each file through the hasher; the entries of its manifest.
 * @example
 * ```ts
 * import { createHasher, directoryManifest } from "./stat_cache.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.mkdir(`${root}/data/features`, { recursive: true });
 * await Deno.writeTextFile(`${root}/data/features/a.txt`, "a");
 * const manifest = await directoryManifest(await createHasher(root), root, "data/features");
 * await Deno.remove(root, { recursive: true });
 * if (manifest[0]?.relpath !== "a.txt") throw new Error(JSON.stringify(manifest));
 * ```
 */
export async function directoryManifest(
  hasher: Hasher,
  root: string,
  relDir: string,
): Promise<ManifestEntry[]> {
  const base = normalizeRelPath(relDir);
  const { listFiles } = await import("./manifest.ts");
  const files = await listFiles(join(root, base));
  const manifest: ManifestEntry[] = new Array(files.length);
  const batch = 64;
  for (let start = 0; start < files.length; start += batch) {
    await Promise.all(
      files.slice(start, start + batch).map(async (relpath, i) => {
        const hashed = await hasher.hashPath(base === "" ? relpath : `${base}/${relpath}`);
        if (!hashed) throw new Deno.errors.NotFound(`Cannot hash "${base}/${relpath}": vanished`);
        manifest[start + i] = { relpath, hash: hashed.hash, size: hashed.size };
      }),
    );
  }
  return manifest;
}

/**
 * True when a file's mtime is too close to the moment it was hashed to trust: a write in
 * the same clock tick would leave size and mtime unchanged (git's "racy clean" problem).
 */
function isRacy(mtimeMs: number, hashedAtMs: number): boolean {
  // Whole-second mtimes mean a coarse filesystem clock; otherwise ticks are ≤ 10 ms.
  const window = mtimeMs % 1000 === 0 ? 2000 : 100;
  return hashedAtMs - mtimeMs < window;
}

/** Repo-relative POSIX path without "./" or trailing slashes. */
export function normalizeRelPath(relPath: string): string {
  let path = relPath.replaceAll("\\", "/");
  while (path.startsWith("./")) path = path.slice(2);
  while (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
  return path === "." ? "" : path;
}

async function loadEntries(root: string): Promise<Map<string, StatEntry>> {
  let text: string;
  try {
    text = await Deno.readTextFile(join(root, STAT_CACHE_FILE));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return new Map();
    throw error;
  }
  try {
    const doc = JSON.parse(text);
    if (doc?.version !== FORMAT_VERSION || typeof doc.entries !== "object") return new Map();
    return new Map(Object.entries(doc.entries as Record<string, StatEntry>));
  } catch {
    // A damaged stat cache only costs a rehash.
    return new Map();
  }
}

async function saveEntries(root: string, entries: Map<string, StatEntry>): Promise<void> {
  await Deno.mkdir(join(root, ".repro"), { recursive: true });
  const sorted = [...entries.keys()].sort();
  const object: Record<string, StatEntry> = {};
  for (const key of sorted) object[key] = entries.get(key)!;
  await writeFileAtomic(
    join(root, STAT_CACHE_FILE),
    JSON.stringify({ version: FORMAT_VERSION, entries: object }),
  );
}
