/**
 * The content-addressed cache under `.repro/cache/objects/`: file objects named by their
 * SHA-256, directory manifests named by their ".dir" hash. Objects are written to a temp
 * file and renamed into place, so after a crash each is complete and correctly named or
 * absent; they are read-only and verified by hash before every use. Work-tree files are
 * staged beside their target (never in `.repro/tmp`), so the rename that publishes them
 * stays on the out's own filesystem wherever it is mounted.
 */
import { dirname, join } from "node:path";
import { syncDirectory, tempPathBeside } from "./atomic.ts";
import { hashBytes, hashFileWithSize } from "./hash.ts";
import { OBJECTS_DIR, TEMP_DIR } from "./cache_dirs.ts";
import { configuredLinkModes, type LinkMode, placeFile, probeLinkModes } from "./link.ts";
import {
  DIR_SUFFIX,
  isDirHash,
  type ManifestEntry,
  parseManifest,
  serializeManifest,
} from "./manifest.ts";
import { directoryManifest, type Hasher, normalizeRelPath, type PathHash } from "./stat_cache.ts";

/** Stores outs in the cache and restores them from it. */
export interface Cache {
  /**
   * Stores a file or directory out and links the work tree to the objects where the
   * filesystem allows (`link: false` leaves the work-tree files untouched, e.g. for
   * persist outs a stage edits in place). Throws NotFound when the path is missing.
   */
  commit(relPath: string, hasher: Hasher, options?: { link?: boolean }): Promise<PathHash>;
  /** Restores an out; false if an object is missing or corrupt (corrupt ones are deleted). */
  checkout(relPath: string, hash: string): Promise<boolean>;
  /** True when the object (and for a directory, its manifest and every file) is present. */
  has(hash: string): Promise<boolean>;
  /** The verified bytes of a file object (or a manifest); undefined if missing or corrupt. */
  readFileObject(hash: string): Promise<Uint8Array | undefined>;
}

/** Options of `openCache`. */
export interface CacheOptions {
  /**
   * Link modes in order of preference; the first one the filesystem supports is used
   * (default: `RISKPIPE_CACHE_LINK`, else reflink then copy).
   */
  linkModes?: readonly LinkMode[];
}

export { OBJECTS_DIR, TEMP_DIR };

/** Repo-relative path of the object of a file hash or a ".dir" manifest hash. */
export function objectRelPath(hash: string): string {
  const hex = isDirHash(hash) ? hash.slice(0, -DIR_SUFFIX.length) : hash;
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new TypeError(`Cannot locate object: bad hash "${hash}"`);
  return `${OBJECTS_DIR}/${hex.slice(0, 2)}/${hex.slice(2)}${isDirHash(hash) ? DIR_SUFFIX : ""}`;
}

/**
 * Opens the cache of a repo. Link modes default to reflink → copy (hardlinks by choice).
 * @example
 * ```ts
 * import { openCache } from "./cache.ts";
 * import { createHasher } from "./stat_cache.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.mkdir(`${root}/data/features`, { recursive: true });
 * await Deno.writeTextFile(`${root}/data/features/a.txt`, "a");
 * const cache = openCache(root);
 * const { hash } = await cache.commit("data/features", await createHasher(root));
 * const present = await cache.has(hash);
 * await Deno.remove(root, { recursive: true });
 * if (!present) throw new Error("expected the committed directory in the cache");
 * ```
 */
export function openCache(root: string, options: CacheOptions = {}): Cache {
  const tempDir = join(root, TEMP_DIR);
  let modes: Promise<LinkMode[]> | undefined;
  const linkModes = () =>
    modes ??= probeLinkModes(tempDir, options.linkModes ?? configuredLinkModes());
  const abs = (relPath: string) => join(root, relPath);
  const tempPath = async () => {
    await Deno.mkdir(tempDir, { recursive: true });
    return join(tempDir, `${Deno.pid}-${crypto.randomUUID()}`);
  };

  /** Renames a complete temp file into its object path, read-only. */
  async function publishObject(temp: string, hash: string): Promise<void> {
    const target = abs(objectRelPath(hash));
    await Deno.chmod(temp, 0o444);
    await Deno.mkdir(dirname(target), { recursive: true });
    await Deno.rename(temp, target);
    await syncDirectory(dirname(target));
  }

  /** True when the object exists and hashes to its name; a corrupt one is deleted. */
  async function verifyObject(hash: string): Promise<boolean> {
    const path = abs(objectRelPath(hash));
    try {
      const actual = isDirHash(hash)
        ? hashBytes(await Deno.readFile(path)) + DIR_SUFFIX
        : (await hashFileWithSize(path)).hash;
      if (actual === hash) return true;
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return false;
      throw error;
    }
    await Deno.remove(path).catch(() => {});
    return false;
  }

  /** Places a verified object at `target` (replacing what is there) atomically. */
  async function placeObject(hash: string, target: string, useModes: LinkMode[]): Promise<void> {
    await Deno.mkdir(dirname(target), { recursive: true });
    const temp = tempPathBeside(target);
    try {
      await placeFile(abs(objectRelPath(hash)), temp, useModes);
      const existing = await Deno.lstat(target).catch(() => undefined);
      if (existing?.isDirectory) await Deno.remove(target, { recursive: true });
      await Deno.rename(temp, target);
    } catch (error) {
      await Deno.remove(temp).catch(() => {});
      throw error;
    }
  }

  async function commitFile(relPath: string, hashed: PathHash, link: boolean): Promise<void> {
    const workPath = abs(relPath);
    const objectPath = abs(objectRelPath(hashed.hash));
    const [work, object] = await Promise.all([
      Deno.lstat(workPath),
      Deno.stat(objectPath).catch(() => undefined),
    ]);
    const useModes = await linkModes();
    if (object && object.ino === work.ino && object.dev === work.dev) {
      // A hardlink from before hardlinks became opt-in: make it a copy of its own.
      if (link && !useModes.includes("hardlink")) {
        await placeObject(hashed.hash, workPath, useModes);
      }
      return;
    }
    if (object && await verifyObject(hashed.hash)) {
      // Same content is cached already: swap the work file for a link to it to save space.
      if (link && useModes[0] !== "copy") await placeObject(hashed.hash, workPath, useModes);
      return;
    }
    const temp = await tempPath();
    try {
      // A symlinked work file is copied: a hardlink would link the symlink itself.
      const hardlinked = link && useModes[0] === "hardlink" && !work.isSymlink &&
        await Deno.link(workPath, temp).then(() => true, () => false);
      if (!hardlinked) await Deno.copyFile(workPath, temp);
      const stored = await hashFileWithSize(temp);
      if (stored.hash !== hashed.hash) {
        throw new Error(`Cannot commit "${relPath}": it changed while being cached`);
      }
      await publishObject(temp, hashed.hash);
    } catch (error) {
      await Deno.remove(temp).catch(() => {});
      throw error;
    }
  }

  async function commitDirectory(relPath: string, hasher: Hasher, link: boolean) {
    const manifest = await directoryManifest(hasher, root, relPath);
    await forEachBatch(manifest, (entry) => commitFile(`${relPath}/${entry.relpath}`, entry, link));
    const text = serializeManifest(manifest);
    const hash = hashBytes(text) + DIR_SUFFIX;
    if (!await verifyObject(hash)) {
      const temp = await tempPath();
      await Deno.writeTextFile(temp, text);
      await publishObject(temp, hash);
    }
    let size = 0;
    for (const entry of manifest) size += entry.size;
    return { hash, size, nfiles: manifest.length };
  }

  async function readManifest(hash: string): Promise<ManifestEntry[] | undefined> {
    if (!await verifyObject(hash)) return undefined;
    return parseManifest(await Deno.readTextFile(abs(objectRelPath(hash))));
  }

  async function checkoutDirectory(relPath: string, hash: string): Promise<boolean> {
    const manifest = await readManifest(hash);
    if (!manifest) return false;
    const useModes = await linkModes();
    const target = abs(relPath);
    await Deno.mkdir(dirname(target), { recursive: true });
    const staging = tempPathBeside(target);
    let aside: string | undefined;
    try {
      let complete = true;
      await forEachBatch(manifest, async (entry) => {
        if (!await verifyObject(entry.hash)) {
          complete = false;
          return;
        }
        const target = join(staging, entry.relpath);
        await Deno.mkdir(dirname(target), { recursive: true });
        await placeFile(abs(objectRelPath(entry.hash)), target, useModes);
      });
      await Deno.mkdir(staging, { recursive: true });
      if (!complete) return false;
      if (await Deno.lstat(target).then(() => true, () => false)) {
        aside = tempPathBeside(target);
        await Deno.rename(target, aside);
      }
      try {
        await Deno.rename(staging, target);
      } catch (error) {
        // Keep the old tree rather than nothing.
        if (aside) await Deno.rename(aside, target).then(() => aside = undefined, () => {});
        throw error;
      }
      return true;
    } finally {
      await Deno.remove(staging, { recursive: true }).catch(() => {});
      if (aside) await Deno.remove(aside, { recursive: true }).catch(() => {});
    }
  }

  return {
    async commit(relPath, hasher, options = {}) {
      const path = normalizeRelPath(relPath);
      const hashed = await hasher.hashPath(path);
      if (!hashed) throw new Deno.errors.NotFound(`Cannot commit "${path}": it does not exist`);
      const link = options.link ?? true;
      if (isDirHash(hashed.hash)) return await commitDirectory(path, hasher, link);
      await commitFile(path, hashed, link);
      return hashed;
    },
    async checkout(relPath, hash) {
      const path = normalizeRelPath(relPath);
      if (isDirHash(hash)) return await checkoutDirectory(path, hash);
      if (!await verifyObject(hash)) return false;
      const [work, object] = await Promise.all([
        Deno.stat(abs(path)).catch(() => undefined),
        Deno.stat(abs(objectRelPath(hash))),
      ]);
      const useModes = await linkModes();
      const shared = work && work.ino === object.ino && work.dev === object.dev;
      // A shared inode is only kept when hardlinks are chosen; otherwise it becomes a copy.
      if (shared && useModes.includes("hardlink")) return true;
      await placeObject(hash, abs(path), useModes);
      return true;
    },
    async has(hash) {
      const exists = (h: string) => Deno.stat(abs(objectRelPath(h))).then(() => true, () => false);
      if (!isDirHash(hash)) return await exists(hash);
      if (!await exists(hash)) return false;
      let manifest: ManifestEntry[];
      try {
        manifest = parseManifest(await Deno.readTextFile(abs(objectRelPath(hash))));
      } catch {
        return false;
      }
      for (const entry of manifest) if (!await exists(entry.hash)) return false;
      return true;
    },
    async readFileObject(hash) {
      let bytes: Uint8Array;
      try {
        bytes = await Deno.readFile(abs(objectRelPath(hash)));
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return undefined;
        throw error;
      }
      const actual = hashBytes(bytes) + (isDirHash(hash) ? DIR_SUFFIX : "");
      if (actual === hash) return bytes;
      await Deno.remove(abs(objectRelPath(hash))).catch(() => {});
      return undefined;
    },
  };
}

/** Runs `fn` over items, a bounded number at a time. */
async function forEachBatch<T>(items: T[], fn: (item: T) => Promise<void>): Promise<void> {
  const batch = 16;
  for (let start = 0; start < items.length; start += batch) {
    await Promise.all(items.slice(start, start + batch).map(fn));
  }
}
