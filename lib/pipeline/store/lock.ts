/**
 * pipeline.lock: what each stage last ran with — its cmd, every dep's and out's hash and
 * size, every param value. Written deterministically (stages in the order given, deps and
 * outs by path, params by key) so diffs are reviewable, and atomically.
 */
import { join } from "node:path";
import { Document, isMap, isSeq, parse as parseYaml } from "yaml";
import { z } from "zod";
import { writeFileAtomic } from "./atomic.ts";
import { canonicalJson } from "./hash.ts";

/** The lock file's name at the repo root. */
export const LOCK_FILE = "pipeline.lock";

/** One dep or out as recorded: a file (hash) or directory (hash ending in ".dir", nfiles). */
export interface LockPathEntry {
  path: string;
  hash: string;
  size: number;
  nfiles?: number;
}

/** What one stage last ran with. */
export interface LockEntry {
  cmd: string[];
  deps: LockPathEntry[];
  params: Record<string, unknown>;
  outs: LockPathEntry[];
  /** Values of the out-of-repo state the stage declares (`state:`), by name; absent if none. */
  state?: Record<string, { id: string; hash: string }>;
}

/** The whole pipeline.lock. */
export interface LockFile {
  schema: "1";
  stages: Record<string, LockEntry>;
}

const PathEntrySchema = z.object({
  path: z.string().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}(\.dir)?$/, "expected a SHA-256 hex, optionally with .dir"),
  size: z.number().int().nonnegative(),
  nfiles: z.number().int().nonnegative().optional(),
}).strict();

/** Validates one lock entry (also used for run-cache entries). */
export const LockEntrySchema = z.object({
  cmd: z.array(z.string()),
  deps: z.array(PathEntrySchema),
  params: z.record(z.string(), z.unknown()),
  outs: z.array(PathEntrySchema),
  state: z.record(
    z.string(),
    z.object({ id: z.string(), hash: z.string().regex(/^([0-9a-f]{64})?$/) }).strict(),
  ).optional(),
}).strict();

/** Returns an empty lock. */
export function emptyLock(): LockFile {
  return { schema: "1", stages: {} };
}

/** Reads `<root>/pipeline.lock`; an absent file is an empty lock, an empty file an error. */
export async function readLock(root: string): Promise<LockFile> {
  let text: string;
  try {
    text = await Deno.readTextFile(join(root, LOCK_FILE));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return emptyLock();
    throw error;
  }
  return parseLockFile(text);
}

/**
 * Parses the work tree's pipeline.lock. Unlike `parseLock`, an empty file is refused: the
 * runner never writes one (even a lock of no stages has its schema line), so it is a
 * truncated or clobbered lock, and reading it as "nothing ran" would rerun every stage that
 * has no run-cache entry (register among them) without a word.
 */
export function parseLockFile(text: string): LockFile {
  if (text.trim() === "") throw new LockFileError(`Cannot read ${LOCK_FILE}: the file is empty`);
  return parseLock(text);
}

/** Writes `<root>/pipeline.lock` atomically and deterministically. */
export async function writeLock(root: string, lock: LockFile): Promise<void> {
  await writeFileAtomic(join(root, LOCK_FILE), serializeLock(lock));
}

/** What to do about a lock that cannot be read; every `LockFileError` message ends with it. */
export const LOCK_RECOVERY_HINT =
  `delete it or restore it from git (git checkout -- ${LOCK_FILE}): ` +
  "`deno task repro` then restores each stage from the run-cache or reruns it";

/**
 * pipeline.lock cannot be read; the CLI exits 2 with the message, which names the field
 * and ends with the recovery hint.
 */
export class LockFileError extends SyntaxError {
  constructor(message: string) {
    super(`${message}; ${LOCK_RECOVERY_HINT}`);
    this.name = "LockFileError";
  }
}

/**
 * Parses and validates lock text; errors name the stage and field.
 * @example
 * ```ts
 * import { parseLock } from "./lock.ts";
 * const lock = parseLock('schema: "1"\nstages: {}\n');
 * if (lock.schema !== "1") throw new Error(`got ${lock.schema}`);
 * ```
 */
export function parseLock(text: string): LockFile {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    // The YAML error's first line says what and where; the code frame after it is noise.
    const reason = (error as Error).message.split("\n")[0].replace(/:$/, "");
    throw new LockFileError(`Cannot read ${LOCK_FILE}: invalid YAML: ${reason}`);
  }
  if (doc === null || doc === undefined) return emptyLock();
  if (!isRecord(doc)) throw new LockFileError(`Cannot read ${LOCK_FILE}: not a mapping`);
  if (doc.schema !== "1") {
    throw new LockFileError(
      `Cannot read ${LOCK_FILE}: field "schema": expected "1", got ${JSON.stringify(doc.schema)}`,
    );
  }
  const stages = doc.stages ?? {};
  if (!isRecord(stages)) {
    throw new LockFileError(`Cannot read ${LOCK_FILE}: field "stages": not a mapping`);
  }
  const lock = emptyLock();
  for (const [name, raw] of Object.entries(stages)) {
    const result = LockEntrySchema.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = issue.path.map(String).join(".") || "(entry)";
      throw new LockFileError(
        `Cannot read ${LOCK_FILE}: stage "${name}", field "${field}": ${issue.message}`,
      );
    }
    lock.stages[name] = result.data as LockEntry;
  }
  return lock;
}

/** Serialises a lock to YAML: stages in insertion order, deps/outs by path, params by key. */
export function serializeLock(lock: LockFile): string {
  const stages: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(lock.stages)) {
    stages[name] = normalizeEntry(entry);
  }
  const doc = new Document({ schema: "1", stages });
  // Flow style for the short leaves keeps one dep or out per line, as in dvc.lock diffs.
  const stagesNode = doc.get("stages", true);
  if (isMap(stagesNode)) {
    for (const pair of stagesNode.items) {
      const entry = pair.value;
      if (!isMap(entry)) continue;
      for (const field of entry.items) {
        const key = String((field.key as { value?: unknown }).value ?? field.key);
        const value = field.value;
        if ((key === "cmd" || key === "params") && (isSeq(value) || isMap(value))) {
          value.flow = true;
        }
        if (key === "state" && isMap(value)) {
          for (const item of value.items) if (isMap(item.value)) item.value.flow = true;
        }
        if ((key === "deps" || key === "outs") && isSeq(value)) {
          for (const item of value.items) if (isMap(item)) item.flow = true;
        }
      }
    }
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}

/** Returns the entry with deps/outs sorted by path, params by key and fields in a fixed order. */
export function normalizeEntry(entry: LockEntry): LockEntry {
  const params: Record<string, unknown> = {};
  for (const key of Object.keys(entry.params).sort()) {
    const value = entry.params[key];
    // Nested values (a whole params section) get sorted keys too, so equal means identical.
    params[key] = value !== null && typeof value === "object"
      ? JSON.parse(canonicalJson(value))
      : value;
  }
  const normalized: LockEntry = {
    cmd: [...entry.cmd],
    deps: sortPathEntries(entry.deps),
    params,
    outs: sortPathEntries(entry.outs),
  };
  const state = Object.keys(entry.state ?? {}).sort();
  if (state.length > 0) {
    normalized.state = Object.fromEntries(
      state.map((name) => [name, { id: entry.state![name].id, hash: entry.state![name].hash }]),
    );
  }
  return normalized;
}

function sortPathEntries(entries: LockPathEntry[]): LockPathEntry[] {
  return entries
    .map((e) => {
      const out: LockPathEntry = { path: e.path, hash: e.hash, size: e.size };
      if (e.nfiles !== undefined) out.nfiles = e.nfiles;
      return out;
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
