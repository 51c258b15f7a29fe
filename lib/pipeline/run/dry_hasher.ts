/**
 * The hasher `repro --dry` fingerprints deps with: a dep that is (or lies inside) an out
 * of a stage already decided in this dry run hashes as that stage would leave it — as
 * now when up to date, as the lock or the run-cache records it when it would be
 * restored, and unknown when it would run (only running it can tell its outs).
 */
import type { Cache } from "../store/cache.ts";
import type { LockPathEntry } from "../store/lock.ts";
import { isDirHash, type ManifestEntry, manifestHash, parseManifest } from "../store/manifest.ts";
import { directoryManifest, type Hasher, type PathHash } from "../store/stat_cache.ts";

/** What a decided stage's outs will be after the real run. */
export type PredictedOuts =
  | { known: true; outs: LockPathEntry[] }
  | { known: false };

/** A hasher that also says which deps it could not know, and whose stage made them so. */
export interface PredictingHasher extends Hasher {
  /** Dep path → the stage whose run decides it. */
  unknown: Map<string, string>;
}

/** The hash a dep gets when it is unknown; never equal to a real hash. */
export const UNKNOWN_HASH = "unknown";

/** What the predicting hasher consults. */
export interface PredictionSource {
  root: string;
  hasher: Hasher;
  cache: Cache;
  /** The stage that outputs a path (or holds it inside an out), if any. */
  producerOf: (path: string) => string | undefined;
  /** Outs strictly inside a path (a dep on a directory that holds outs), with their stage. */
  outsInside: (path: string) => { stage: string; path: string }[];
  /** The prediction of a stage decided in this dry run; undefined when it is not planned. */
  predicted: (stage: string) => PredictedOuts | undefined;
}

/** Returns a fresh predicting hasher (one per stage, so `unknown` is that stage's). */
export function predictingHasher(source: PredictionSource): PredictingHasher {
  const unknown = new Map<string, string>();
  return {
    unknown,
    async hashPath(relPath) {
      const holding = await hashHoldingDir(source, relPath);
      if (holding !== undefined && "unknownStage" in holding) {
        unknown.set(relPath, holding.unknownStage);
        return { hash: UNKNOWN_HASH, size: 0 };
      }
      if (holding !== undefined) return holding.hash;
      const producer = source.producerOf(relPath);
      const prediction = producer === undefined ? undefined : source.predicted(producer);
      if (prediction === undefined) return await source.hasher.hashPath(relPath);
      if (!prediction.known) {
        unknown.set(relPath, producer!);
        return { hash: UNKNOWN_HASH, size: 0 };
      }
      const out = prediction.outs.find((o) => o.path === relPath);
      if (out !== undefined) return { hash: out.hash, size: out.size, nfiles: out.nfiles };
      const holder = prediction.outs.find((o) => relPath.startsWith(`${o.path}/`));
      if (holder === undefined) return await source.hasher.hashPath(relPath);
      const current = await source.hasher.hashPath(holder.path);
      if (current?.hash === holder.hash) return await source.hasher.hashPath(relPath);
      return await hashInsideCachedDir(source.cache, holder, relPath.slice(holder.path.length + 1));
    },
    flush: () => source.hasher.flush(),
  };
}

/**
 * A dep on a directory holding outs of decided stages, hashed with those outs as the run
 * will leave them; undefined when no decided stage has an out inside it.
 */
async function hashHoldingDir(
  source: PredictionSource,
  relPath: string,
): Promise<{ hash: PathHash | undefined } | { unknownStage: string } | undefined> {
  const inside = source.outsInside(relPath).flatMap((out) => {
    const prediction = source.predicted(out.stage);
    return prediction === undefined ? [] : [{ ...out, prediction }];
  });
  if (inside.length === 0) return undefined;
  const running = inside.find((out) => !out.prediction.known);
  if (running !== undefined) return { unknownStage: running.stage };
  let entries: ManifestEntry[];
  try {
    entries = await directoryManifest(source.hasher, source.root, relPath);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    entries = [];
  }
  for (const out of inside) {
    const predicted = out.prediction.known
      ? out.prediction.outs.find((o) => o.path === out.path)
      : undefined;
    if (predicted === undefined) continue;
    const prefix = out.path.slice(relPath.length + 1);
    entries = entries.filter((e) => e.relpath !== prefix && !e.relpath.startsWith(`${prefix}/`));
    if (!isDirHash(predicted.hash)) {
      entries.push({ relpath: prefix, hash: predicted.hash, size: predicted.size });
      continue;
    }
    const bytes = await source.cache.readFileObject(predicted.hash);
    if (bytes === undefined) return { hash: undefined };
    for (const entry of parseManifest(new TextDecoder().decode(bytes))) {
      entries.push({ ...entry, relpath: `${prefix}/${entry.relpath}` });
    }
  }
  if (entries.length === 0) return { hash: undefined };
  return {
    hash: {
      hash: manifestHash(entries),
      size: entries.reduce((sum, entry) => sum + entry.size, 0),
      nfiles: entries.length,
    },
  };
}

/** The hash of a file or subdirectory of a directory out, from its manifest in the cache. */
async function hashInsideCachedDir(
  cache: Cache,
  dir: LockPathEntry,
  inner: string,
): Promise<PathHash | undefined> {
  if (!isDirHash(dir.hash)) return undefined;
  const bytes = await cache.readFileObject(dir.hash);
  if (bytes === undefined) return undefined;
  const entries = parseManifest(new TextDecoder().decode(bytes));
  const file = entries.find((entry) => entry.relpath === inner);
  if (file !== undefined) return { hash: file.hash, size: file.size };
  const below = entries.filter((entry) => entry.relpath.startsWith(`${inner}/`))
    .map((entry) => ({ ...entry, relpath: entry.relpath.slice(inner.length + 1) }));
  if (below.length === 0) return undefined;
  return {
    hash: manifestHash(below),
    size: below.reduce((sum, entry) => sum + entry.size, 0),
    nfiles: below.length,
  };
}
