/**
 * The registry's mutable state, read and written as one: registry.json (versions, tags,
 * the history's count and head hash) and history.jsonl (every alias move, hash-chained).
 * The aliases are the history replayed, so the history is the commit point: a move is
 * appended (and flushed) first, then registry.json is replaced with the new head. Read
 * registry.json first and the history second, so a reader racing a writer sees the
 * history at or ahead of the head, never behind it.
 *
 * Recovery, decided here: a history one entry ahead of registry.json's head is a crash
 * between the two writes and is accepted (the next write records the head); an
 * unterminated last line is a crash mid-append, ignored on read and cut off by the next
 * append. A history shorter than the head, or with a last entry other than the head, was
 * truncated or edited and is refused naming the line.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../pipeline/store/atomic.ts";
import {
  type AliasMove,
  appendHistory,
  chainEntries,
  GENESIS_HASH,
  HISTORY_FILE,
  type HistoryEntry,
  type ParsedHistory,
  readHistory,
  replayAliases,
  TamperedHistoryError,
} from "./history.ts";
import { movesFromLegacy } from "./migrate.ts";
import {
  formatIndexFile,
  INDEX_FILE,
  type IndexFile,
  LEGACY_INDEX_FILE,
  readIndexFile,
} from "./registry_file.ts";

/** What the registry holds besides the version folders. */
export interface RegistryState {
  /** Version ids, oldest first. */
  versions: string[];
  /** Version id → tags. */
  tags: Record<string, Record<string, string>>;
  /** Every alias move, oldest first (converted ones when `legacy` is set). */
  history: HistoryEntry[];
  /** Alias → version now. */
  aliases: Record<string, string>;
  /** Set when registry.json is formatVersion 1: the next write converts it. */
  legacy?: { transitions: number };
  /** Where the history file ends and whether a partial last line follows. */
  file: Pick<ParsedHistory, "completeBytes" | "partialTail">;
}

/** How often a reader re-reads when writers committed between its two reads. */
const READ_ATTEMPTS = 3;

/**
 * Reads and verifies the state of the registry at `root` (empty when absent).
 * @example
 * const { aliases } = await readRegistryState("data/registry"); // { champion: "v0002" }
 */
export async function readRegistryState(root: string): Promise<RegistryState> {
  for (let attempt = 1;; attempt++) {
    const state = await readOnce(root, attempt === READ_ATTEMPTS);
    if (state !== undefined) return state;
  }
}

async function readOnce(root: string, last: boolean): Promise<RegistryState | undefined> {
  const indexPath = join(root, INDEX_FILE);
  const historyPath = join(root, HISTORY_FILE);
  const index = await readIndexFile(indexPath);
  if (index?.formatVersion === 1) {
    if (await exists(historyPath)) {
      throw new Error(
        `Cannot read ${indexPath}: it is formatVersion 1 but ${historyPath} exists ` +
          `(a conversion was interrupted: move one of them away)`,
      );
    }
    const history = chainEntries(movesFromLegacy(index));
    return {
      versions: Object.keys(index.stages).sort(),
      tags: {},
      history,
      aliases: replayAliases(history),
      legacy: { transitions: index.history.length },
      file: { completeBytes: 0, partialTail: false },
    };
  }
  const parsed = await readHistory(historyPath);
  const recorded = index?.history ?? { entries: 0, head: GENESIS_HASH };
  const { entries } = parsed;
  if (entries.length < recorded.entries) {
    throw new TamperedHistoryError(
      historyPath,
      entries.length + 1,
      `is missing: the file holds ${entries.length} complete entries, ${indexPath} records ` +
        `${recorded.entries} (the history was truncated or lines were deleted)`,
    );
  }
  const head = recorded.entries === 0 ? GENESIS_HASH : entries[recorded.entries - 1].hash;
  if (head !== recorded.head) {
    throw new TamperedHistoryError(
      historyPath,
      recorded.entries,
      `is not the head ${indexPath} records (${recorded.head.slice(0, 12)}…): ` +
        `the history was edited or rewritten`,
    );
  }
  if (entries.length > recorded.entries + 1) {
    if (!last) return undefined;
    throw new TamperedHistoryError(
      historyPath,
      recorded.entries + 2,
      `and after are not recorded in ${indexPath}, which ends the history at line ` +
        `${recorded.entries} (entries were appended by hand)`,
    );
  }
  const versions = Object.keys(index?.versions ?? {}).sort();
  const known = new Set(versions);
  const aliases = replayAliases(entries);
  for (const [alias, version] of Object.entries(aliases)) {
    if (!known.has(version)) {
      throw new Error(`Cannot read ${historyPath}: @${alias} names ${version}, not registered`);
    }
  }
  return {
    versions,
    tags: Object.fromEntries(versions.map((id) => [id, { ...index!.versions[id].tags }])),
    history: entries,
    aliases,
    file: { completeBytes: parsed.completeBytes, partialTail: parsed.partialTail },
  };
}

/** What a write did: the entries it appended, and a line when it converted the format. */
export interface StateWrite {
  appended: HistoryEntry[];
  /** Set when this write converted a formatVersion 1 registry. */
  migration?: string;
}

/**
 * Writes `state` (read under the registry lock) with `moves` appended to its history.
 * A formatVersion 1 registry is converted: history.jsonl starts with its transitions as
 * migrated moves and the old file is kept as registry.v1.json.
 */
export async function writeRegistryState(
  root: string,
  state: RegistryState,
  moves: readonly AliasMove[] = [],
  now: Date = new Date(),
): Promise<StateWrite> {
  await Deno.mkdir(root, { recursive: true });
  const appended = chainEntries(moves, state.history.at(-1));
  const historyPath = join(root, HISTORY_FILE);
  const indexPath = join(root, INDEX_FILE);
  const toWrite = state.legacy ? [...state.history, ...appended] : appended;
  if (toWrite.length > 0) await appendHistory(historyPath, toWrite, state.file);
  const all = [...state.history, ...appended];
  const index: IndexFile = {
    formatVersion: 2,
    versions: Object.fromEntries(state.versions.map((id) => [id, { tags: state.tags[id] ?? {} }])),
    history: { entries: all.length, head: all.at(-1)?.hash ?? GENESIS_HASH },
  };
  let migration: string | undefined;
  if (state.legacy) {
    await Deno.copyFile(indexPath, join(root, LEGACY_INDEX_FILE));
    index.migrated = { from: 1, at: now.toISOString(), transitions: state.legacy.transitions };
    migration = `Converted ${indexPath} from formatVersion 1 (stages) to 2 (aliases): ` +
      `${state.legacy.transitions} transitions became ${state.history.length} migrated moves ` +
      `in ${historyPath}; the old file is kept as ${join(root, LEGACY_INDEX_FILE)}`;
  }
  await writeFileAtomic(indexPath, formatIndexFile(index));
  return migration === undefined ? { appended } : { appended, migration };
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}
