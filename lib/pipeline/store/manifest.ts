/**
 * Directory manifests: the sorted list of every file under a directory with its hash and
 * size. A directory's hash is the SHA-256 of the manifest JSON plus the suffix ".dir".
 */
import { join } from "node:path";
import { hashBytes } from "./hash.ts";

/** One file of a directory, `relpath` relative to the directory with POSIX separators. */
export interface ManifestEntry {
  relpath: string;
  hash: string;
  size: number;
}

/** The suffix that marks a directory hash (and a manifest object in the cache). */
export const DIR_SUFFIX = ".dir";

/** Returns the manifest JSON: entries sorted by relpath, fixed key order, no whitespace. */
export function serializeManifest(entries: ManifestEntry[]): string {
  const sorted = [...entries].sort(compareRelpath);
  return JSON.stringify(sorted.map((e) => ({ relpath: e.relpath, hash: e.hash, size: e.size })));
}

/**
 * Returns a directory's hash from its manifest.
 * @example
 * ```ts
 * import { manifestHash } from "./manifest.ts";
 * const hash = manifestHash([]);
 * if (hash !== "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945.dir") {
 *   throw new Error(`got ${hash}`);
 * }
 * ```
 */
export function manifestHash(entries: ManifestEntry[]): string {
  return hashBytes(serializeManifest(entries)) + DIR_SUFFIX;
}

/** True when the hash names a directory manifest. */
export function isDirHash(hash: string): boolean {
  return hash.endsWith(DIR_SUFFIX);
}

/** Parses manifest JSON back into entries; throws SyntaxError when it is not a manifest. */
export function parseManifest(text: string): ManifestEntry[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) throw new SyntaxError("Cannot read manifest: not a JSON array");
  return value.map((item, i) => {
    const e = item as Record<string, unknown>;
    if (
      typeof e?.relpath !== "string" || typeof e.hash !== "string" || typeof e.size !== "number"
    ) {
      throw new SyntaxError(`Cannot read manifest: entry ${i} is not { relpath, hash, size }`);
    }
    return { relpath: e.relpath, hash: e.hash, size: e.size };
  });
}

/**
 * Lists every file under a directory as relative POSIX paths, sorted. Symlinks to files
 * count as files; symlinked directories are not followed (no loops).
 */
export async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  async function walk(abs: string, rel: string): Promise<void> {
    for await (const entry of Deno.readDir(abs)) {
      const childRel = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory) {
        await walk(join(abs, entry.name), childRel);
      } else if (entry.isFile) {
        files.push(childRel);
      } else if (entry.isSymlink) {
        const target = await Deno.stat(join(abs, entry.name)).catch(() => undefined);
        if (target?.isFile) files.push(childRel);
      }
    }
  }
  await walk(dir, "");
  return files.sort(compareRelpathText);
}

function compareRelpath(a: ManifestEntry, b: ManifestEntry): number {
  return compareRelpathText(a.relpath, b.relpath);
}

function compareRelpathText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
