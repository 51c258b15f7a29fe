/**
 * registry.json, read by hand (no zod: `status` reads the champion through it). Format 2
 * holds the versions, their tags and the count and head hash of the alias history (the
 * aliases themselves are the history replayed); format 1 (before aliases) held each
 * version's stage and its transitions, and is still read, to be converted on the first
 * write (migrate.ts).
 */
import { MODEL_STAGES, type ModelStage } from "./stage_names.ts";

/** File name of the index under the registry directory. */
export const INDEX_FILE = "registry.json";

/** Where a formatVersion 1 registry.json is kept when it is converted. */
export const LEGACY_INDEX_FILE = "registry.v1.json";

/** A stage transition of a formatVersion 1 registry (and the stage view of an alias move). */
export interface Transition {
  time: string;
  version: string;
  from: ModelStage;
  to: ModelStage;
  reason: string;
}

/** registry.json, formatVersion 1 (stages). */
export interface LegacyIndexFile {
  formatVersion: 1;
  stages: Record<string, ModelStage>;
  history: Transition[];
}

/** registry.json, formatVersion 2 (aliases). */
export interface IndexFile {
  formatVersion: 2;
  /** Version id → its tags. */
  versions: Record<string, { tags: Record<string, string> }>;
  /** How many entries history.jsonl holds, and the hash of the last (the genesis when none). */
  history: { entries: number; head: string };
  /** Set when the file was converted from formatVersion 1. */
  migrated?: { from: 1; at: string; transitions: number };
}

/** Reads registry.json under a path; undefined when the file is absent. */
export async function readIndexFile(
  path: string,
): Promise<IndexFile | LegacyIndexFile | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(`Cannot read ${path}: ${(error as Error).message}`);
  }
  return parseIndexFile(value, path);
}

/** Checks a parsed registry.json of either format. */
export function parseIndexFile(value: unknown, path: string): IndexFile | LegacyIndexFile {
  const fail = (field: string, rule: string): never => {
    throw new TypeError(`Cannot read ${path}: field "${field}": ${rule}`);
  };
  if (!isObject(value)) return fail("(root)", "expected a mapping");
  if (value.formatVersion === 1) return parseLegacy(value, fail);
  if (value.formatVersion !== 2) return fail("formatVersion", "expected 1 or 2");
  if (!isObject(value.versions)) return fail("versions", "expected a mapping");
  for (const [id, entry] of Object.entries(value.versions)) {
    if (!/^v\d{4,}$/.test(id)) fail(`versions.${id}`, "expected a version id like v0001");
    if (!isObject(entry) || !isObject(entry.tags)) {
      fail(`versions.${id}.tags`, "expected a mapping");
    }
    for (const [key, tag] of Object.entries((entry as { tags: object }).tags)) {
      if (typeof tag !== "string") fail(`versions.${id}.tags.${key}`, "expected a string");
    }
  }
  const history = value.history;
  if (!isObject(history)) return fail("history", "expected a mapping");
  if (!Number.isInteger(history.entries) || (history.entries as number) < 0) {
    fail("history.entries", "expected a whole number");
  }
  if (typeof history.head !== "string" || !/^[0-9a-f]{64}$/.test(history.head)) {
    fail("history.head", "expected a SHA-256 hex digest");
  }
  return value as unknown as IndexFile;
}

/** registry.json's text for a formatVersion 2 index. */
export function formatIndexFile(index: IndexFile): string {
  return JSON.stringify(index, null, 2) + "\n";
}

function parseLegacy(
  value: Record<string, unknown>,
  fail: (field: string, rule: string) => never,
): LegacyIndexFile {
  const stages = MODEL_STAGES as readonly unknown[];
  if (!isObject(value.stages)) return fail("stages", "expected a mapping");
  for (const [id, stage] of Object.entries(value.stages)) {
    if (!stages.includes(stage)) fail(`stages.${id}`, `expected one of ${MODEL_STAGES.join(", ")}`);
  }
  if (!Array.isArray(value.history)) return fail("history", "expected a list");
  value.history.forEach((t: unknown, i: number) => {
    if (!isObject(t)) fail(`history.${i}`, "expected a mapping");
    const transition = t as Record<string, unknown>;
    for (const field of ["time", "version", "reason"]) {
      if (typeof transition[field] !== "string") fail(`history.${i}.${field}`, "expected a string");
    }
    for (const field of ["from", "to"]) {
      if (!stages.includes(transition[field])) {
        fail(`history.${i}.${field}`, `expected one of ${MODEL_STAGES.join(", ")}`);
      }
    }
  });
  return value as unknown as LegacyIndexFile;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
