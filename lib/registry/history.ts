/**
 * The registry's alias history (`history.jsonl`): one JSON line per alias move, append
 * only. Each entry carries `hash`, the SHA-256 of its own canonical JSON (without `hash`),
 * and `prev`, the hash of the entry before it (the first chains from {@link GENESIS_HASH}),
 * so an edited, reordered or deleted line breaks the chain at a line we can name.
 * Read by hand, without zod: `status` reads the champion through it on every run.
 */
import { canonicalJson, hashBytes } from "../pipeline/store/hash.ts";

/** File name of the history under the registry directory. */
export const HISTORY_FILE = "history.jsonl";

/** What the first entry's `prev` is: there is no entry before it. */
export const GENESIS_HASH = "0".repeat(64);

/** One alias move: `alias` named `from` and names `to` now (null: no version). */
export interface AliasMove {
  alias: string;
  from: string | null;
  to: string | null;
  /** ISO 8601 time of the move. */
  at: string;
  /** Who moved it: `--by`, else $USER. */
  by: string;
  reason: string;
  /** True on entries converted from a formatVersion 1 registry's stage transitions. */
  migrated?: true;
}

/** A move as the history holds it: chained to the entry before. */
export interface HistoryEntry extends AliasMove {
  prev: string;
  hash: string;
}

/** Raised when the history (or registry.json's record of it) was changed by hand. */
export class TamperedHistoryError extends Error {
  constructor(readonly path: string, readonly line: number, detail: string) {
    super(`Cannot read ${path}: line ${line} ${detail}`);
    this.name = "TamperedHistoryError";
  }
}

/** Chains `move` after the entry hashed `prev`. */
export function chainEntry(move: AliasMove, prev: string): HistoryEntry {
  const body = { ...move, prev };
  return { ...body, hash: hashBytes(canonicalJson(body)) };
}

/** Chains moves after `last` (the genesis when there is none). */
export function chainEntries(moves: readonly AliasMove[], last?: HistoryEntry): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  let prev = last?.hash ?? GENESIS_HASH;
  for (const move of moves) {
    const entry = chainEntry(move, prev);
    entries.push(entry);
    prev = entry.hash;
  }
  return entries;
}

/** The lines of `entries` as written to the file, each ending in a newline. */
export function formatEntries(entries: readonly HistoryEntry[]): string {
  return entries.map((entry) => JSON.stringify(entry) + "\n").join("");
}

/** A parsed history: the verified entries, and the bytes of an incomplete last line. */
export interface ParsedHistory {
  entries: HistoryEntry[];
  /** Length in bytes of the complete lines (where a repair truncates a partial tail). */
  completeBytes: number;
  /** An unterminated last line: a crash mid-append, or a file cut short. */
  partialTail: boolean;
}

/**
 * Parses and verifies history text: every complete line must be an entry whose hash
 * matches its content, whose `prev` is the hash of the line before, and whose `from` is
 * what its alias named at that point. A last line without its newline is reported as
 * `partialTail`, not parsed.
 */
export function parseHistory(text: string, path: string): ParsedHistory {
  const end = text.lastIndexOf("\n") + 1;
  const lines = text.slice(0, end).split("\n").slice(0, -1);
  const entries: HistoryEntry[] = [];
  const aliases = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    const entry = parseEntry(lines[i], path, i + 1);
    const body: Record<string, unknown> = { ...entry };
    delete body.hash;
    const actual = hashBytes(canonicalJson(body));
    if (actual !== entry.hash) {
      throw new TamperedHistoryError(
        path,
        i + 1,
        `was edited: its content hashes to ${short(actual)}, the entry records ${
          short(entry.hash)
        }`,
      );
    }
    const expected = i === 0 ? GENESIS_HASH : entries[i - 1].hash;
    if (entry.prev !== expected) {
      throw new TamperedHistoryError(
        path,
        i + 1,
        `does not follow ${i === 0 ? "the start of the history" : `line ${i}`}: its prev is ${
          short(entry.prev)
        }, expected ${short(expected)} (a line was edited, reordered or deleted)`,
      );
    }
    const named = aliases.get(entry.alias) ?? null;
    if (entry.from !== named) {
      throw new TamperedHistoryError(
        path,
        i + 1,
        `moves @${entry.alias} from ${entry.from ?? "no version"}, but it named ${
          named ?? "no version"
        } then`,
      );
    }
    if (entry.to === null) aliases.delete(entry.alias);
    else aliases.set(entry.alias, entry.to);
    entries.push(entry);
  }
  return {
    entries,
    completeBytes: new TextEncoder().encode(text.slice(0, end)).length,
    partialTail: end < text.length,
  };
}

/** Reads and verifies the history file at `path`; an absent file is an empty history. */
export async function readHistory(path: string): Promise<ParsedHistory> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      return { entries: [], completeBytes: 0, partialTail: false };
    }
    throw error;
  }
  return parseHistory(text, path);
}

/**
 * Appends entries in one write and flushes them to disk. A partial last line (a crash
 * mid-append) is cut off first, at `completeBytes`: it was never committed.
 */
export async function appendHistory(
  path: string,
  entries: readonly HistoryEntry[],
  parsed: Pick<ParsedHistory, "completeBytes" | "partialTail">,
): Promise<void> {
  using file = await Deno.open(path, { read: true, write: true, create: true });
  if (parsed.partialTail) await file.truncate(parsed.completeBytes);
  await file.seek(0, Deno.SeekMode.End);
  const bytes = new TextEncoder().encode(formatEntries(entries));
  let written = 0;
  while (written < bytes.length) written += await file.write(bytes.subarray(written));
  await file.sync();
}

/** The alias → version map after replaying `entries`. */
export function replayAliases(entries: readonly AliasMove[]): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const entry of entries) {
    if (entry.to === null) delete aliases[entry.alias];
    else aliases[entry.alias] = entry.to;
  }
  return aliases;
}

const HEX64 = /^[0-9a-f]{64}$/;

function parseEntry(line: string, path: string, number: number): HistoryEntry {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new TamperedHistoryError(path, number, "is not a JSON entry");
  }
  const fail = (field: string, rule: string): never => {
    throw new TamperedHistoryError(path, number, `field "${field}": ${rule}`);
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TamperedHistoryError(path, number, "is not a JSON object");
  }
  const entry = value as Record<string, unknown>;
  for (const field of ["alias", "at", "by", "reason"]) {
    if (typeof entry[field] !== "string") fail(field, "expected a string");
  }
  for (const field of ["from", "to"]) {
    if (entry[field] !== null && typeof entry[field] !== "string") {
      fail(field, "expected a version id or null");
    }
  }
  for (const field of ["prev", "hash"]) {
    if (typeof entry[field] !== "string" || !HEX64.test(entry[field] as string)) {
      fail(field, "expected a SHA-256 hex digest");
    }
  }
  if (entry.migrated !== undefined && entry.migrated !== true) fail("migrated", "expected true");
  return entry as unknown as HistoryEntry;
}

function short(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}
