/**
 * Fast loading for the no-op path: pipeline.yaml and pipeline.lock are parsed (with the
 * yaml and zod packages, ~60–80 ms of module loading) only when their text changed; the
 * parsed result is kept in `.repro/` as JSON keyed by the SHA-256 of the text, and the
 * parsers are imported lazily on a miss.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../store/atomic.ts";
import { type StageGraph, stageGraphOf } from "../spec/graph.ts";
import { canonicalJson } from "../store/canonical_json.ts";
import { digestHex } from "../store/digest.ts";
import type { LockFile } from "../store/lock.ts";
import type { PipelineSpec } from "../spec/types.ts";

/** Parsed pipeline.yaml cache, relative to the repo root. */
export const SPEC_CACHE_FILE = ".repro/spec-cache.json";
/** Parsed pipeline.lock cache, relative to the repo root. */
export const LOCK_CACHE_FILE = ".repro/lock-cache.json";

const FORMAT = 1;

interface Cached<T> {
  format: number;
  key: string;
  value: T;
}

/**
 * `loadPipeline(root, { setParams })` through the cache. A hit is still checked for deps
 * that no stage produces and that are gone; then the full loader runs and reports them.
 */
export async function loadPipelineCached(
  root: string,
  setParams: string[] = [],
): Promise<PipelineSpec> {
  const text = await Deno.readTextFile(join(root, "pipeline.yaml")).catch(() => undefined);
  if (text !== undefined) {
    const key = await digestHex(
      canonicalJson({ text, setParams, loader: await loaderVersion(SPEC_LOADER_FILES) }),
    );
    const cached = await readCache<PipelineSpec>(root, SPEC_CACHE_FILE, key);
    if (cached !== undefined && await sourceDepsExist(root, cached)) return cached;
    const { loadPipeline } = await import("../spec/load.ts");
    const spec = await loadPipeline(root, { setParams });
    await writeCache(root, SPEC_CACHE_FILE, key, spec);
    return spec;
  }
  const { loadPipeline } = await import("../spec/load.ts");
  return await loadPipeline(root, { setParams });
}

/** `readLock(root)` through the cache (an absent lock is empty without any parsing). */
export async function readLockCached(root: string): Promise<LockFile> {
  let text: string;
  try {
    text = await Deno.readTextFile(join(root, "pipeline.lock"));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return { schema: "1", stages: {} };
    throw error;
  }
  const key = await digestHex(
    canonicalJson({ text, loader: await loaderVersion(LOCK_LOADER_FILES) }),
  );
  const cached = await readCache<LockFile>(root, LOCK_CACHE_FILE, key);
  if (cached !== undefined) return cached;
  const { parseLockFile } = await import("../store/lock.ts");
  const lock = parseLockFile(text);
  await writeCache(root, LOCK_CACHE_FILE, key, lock);
  return lock;
}

/** `writeLock` (imported lazily, as only a repro that changed something writes the lock). */
export async function writeLockLazily(root: string, lock: LockFile): Promise<void> {
  const { writeLock } = await import("../store/lock.ts");
  await writeLock(root, lock);
}

/** The loader's own files, so a changed loader (a new default, say) is not served stale. */
export const SPEC_LOADER_FILES = [
  "../spec/load.ts",
  "../spec/checks.ts",
  "../spec/schema.ts",
  "../spec/stage.ts",
  "../spec/state_names.ts",
  "../spec/params.ts",
  "../spec/repo_path.ts",
  "../spec/plots.ts",
];

/** The lock parser's file, so a changed parser is not served a stale lock. */
export const LOCK_LOADER_FILES = ["../store/lock.ts"];

async function loaderVersion(files: string[]): Promise<string[]> {
  return await Promise.all(files.map(async (file) => {
    try {
      const info = await Deno.stat(new URL(file, import.meta.url));
      return `${file}:${info.size}:${info.mtime?.getTime()}`;
    } catch {
      return `${file}:?`;
    }
  }));
}

async function sourceDepsExist(root: string, spec: PipelineSpec): Promise<boolean> {
  let graph: StageGraph;
  try {
    graph = stageGraphOf(spec);
  } catch {
    return false;
  }
  const sources = new Set(
    spec.stages.flatMap((stage) => stage.deps).filter((dep) => graph.producerOf(dep) === undefined),
  );
  const found = await Promise.all(
    [...sources].map((dep) => Deno.stat(join(root, dep)).then(() => true, () => false)),
  );
  return found.every(Boolean);
}

async function readCache<T>(root: string, file: string, key: string): Promise<T | undefined> {
  try {
    const cached = JSON.parse(await Deno.readTextFile(join(root, file))) as Cached<T>;
    return cached.format === FORMAT && cached.key === key ? cached.value : undefined;
  } catch {
    return undefined;
  }
}

async function writeCache<T>(root: string, file: string, key: string, value: T): Promise<void> {
  // Values JSON cannot carry (.inf, .nan) would come back different: parse those every time.
  if (!isJsonSafe(value)) return;
  try {
    await Deno.mkdir(join(root, ".repro"), { recursive: true });
    await writeFileAtomic(join(root, file), JSON.stringify({ format: FORMAT, key, value }));
  } catch {
    // A cache that cannot be written only costs the next run a parse.
  }
}

function isJsonSafe(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonSafe);
  if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value as Record<string, unknown>).every((v) =>
    v === undefined || isJsonSafe(v)
  );
}
