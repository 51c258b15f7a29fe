/**
 * Repo-relative POSIX paths as pipeline.yaml declares them, and the relation the whole
 * runner cares about: two paths overlap when they are equal or one lies inside the other.
 */

/** A normalised path, or why the raw one cannot be used. */
export type NormalisedPath = { path: string } | { problem: string };

/**
 * Normalises a declared path: "./" and "." segments, doubled and trailing slashes go;
 * absolute paths and paths climbing out of the repo with ".." are refused.
 * @example
 * ```ts
 * import { normaliseRepoPath } from "./repo_path.ts";
 * const result = normaliseRepoPath("./data//features/");
 * if (!("path" in result) || result.path !== "data/features") throw new Error("expected data/features");
 * ```
 */
export function normaliseRepoPath(raw: string): NormalisedPath {
  if (raw.trim() === "") return { problem: "path must not be empty" };
  if (raw.startsWith("/") || /^[A-Za-z]:[\\/]/.test(raw)) {
    return { problem: `path "${raw}" is absolute, use a path relative to the repo root` };
  }
  const segments: string[] = [];
  for (const segment of raw.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (segments.length === 0) return { problem: `path "${raw}" is outside the repo` };
      segments.pop();
    } else {
      segments.push(segment);
    }
  }
  if (segments.length === 0) return { problem: `path "${raw}" is the repo root itself` };
  return { path: segments.join("/") };
}

/** True when `path` equals `ancestor` or lies inside it. */
export function isSameOrInside(path: string, ancestor: string): boolean {
  return path === ancestor || (path.length > ancestor.length && path.startsWith(ancestor) &&
    path[ancestor.length] === "/");
}

/** How `path` relates to an indexed path: equal to it, inside it, or containing it. */
export type Overlap = "same" | "inside" | "contains";

/** An indexed path that overlaps a looked-up one. */
export interface PathMatch<T> {
  path: string;
  value: T;
  overlap: Overlap;
}

/** Finds, for any path, every indexed path it overlaps, in O(depth + log n + matches). */
export interface PathIndex<T> {
  overlapping(path: string): PathMatch<T>[];
}

/**
 * Indexes paths (e.g. every stage's outs) for overlap look-ups.
 * @example
 * ```ts
 * import { createPathIndex } from "./repo_path.ts";
 * const index = createPathIndex([["data/features", "features"]]);
 * // [{ path: "data/features", value: "features", overlap: "inside" }]
 * const [hit] = index.overlapping("data/features/a.parquet");
 * if (hit?.overlap !== "inside") throw new Error(JSON.stringify(hit));
 * ```
 */
export function createPathIndex<T>(entries: Iterable<readonly [string, T]>): PathIndex<T> {
  const byPath = new Map<string, T[]>();
  for (const [path, value] of entries) {
    const values = byPath.get(path);
    if (values) values.push(value);
    else byPath.set(path, [value]);
  }
  const sorted = [...byPath.keys()].sort();

  function overlapping(path: string): PathMatch<T>[] {
    const matches: PathMatch<T>[] = [];
    for (const value of byPath.get(path) ?? []) matches.push({ path, value, overlap: "same" });
    for (let cut = path.lastIndexOf("/"); cut > 0; cut = path.lastIndexOf("/", cut - 1)) {
      const ancestor = path.slice(0, cut);
      for (const value of byPath.get(ancestor) ?? []) {
        matches.push({ path: ancestor, value, overlap: "inside" });
      }
    }
    const prefix = `${path}/`;
    for (let i = lowerBound(sorted, prefix); i < sorted.length; i++) {
      if (!sorted[i].startsWith(prefix)) break;
      for (const value of byPath.get(sorted[i])!) {
        matches.push({ path: sorted[i], value, overlap: "contains" });
      }
    }
    return matches;
  }

  return { overlapping };
}

function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
