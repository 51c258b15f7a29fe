/**
 * Aliases, as in MLflow 2.9+: a name (`champion`, `challenger`, any other) naming at most
 * one version; a version may hold several. Every move is appended to the history with
 * who and why, under the registry's writer lock. `serve` follows @champion; a caller
 * wanting another alias resolves it the same way:
 * @example
 * const challenger = await resolveAlias("data/registry", "challenger"); // "v0007" | undefined
 */
import type { AliasMove, HistoryEntry } from "./history.ts";
import type { Transition } from "./registry_file.ts";
import { readRegistryState, type RegistryState, writeRegistryState } from "./registry_state.ts";
import { CHALLENGER, CHAMPION } from "./stage_names.ts";
import { replayStages, stageTransitions } from "./stage_view.ts";
import { readVersion, withRegistryLock } from "./store.ts";

/** The rule an alias name follows. */
export const ALIAS_NAME = /^[a-z][a-z0-9_-]*$/;

/** Who and why, for a move. */
export interface MoveOptions {
  /** Why the alias moves; recorded in the history. */
  reason: string;
  /** Who moves it (default $USER, else "unknown"). */
  by?: string;
  now?: Date;
}

/** Options for {@link setAlias}. */
export interface SetAliasOptions extends MoveOptions {
  /** Set @champion or @challenger even though the version's gate failed. */
  force?: boolean;
}

/** What a change of aliases did. */
export interface AliasChange {
  /** The history entries appended (one per move). */
  entries: HistoryEntry[];
  /** The stage transitions the moves amount to (stage_view.ts). */
  transitions: Transition[];
  /** Set when the write converted a formatVersion 1 registry. */
  migration?: string;
}

/** Returns `name` when it is a valid alias name; throws a RangeError saying the rule. */
export function checkAliasName(name: string): string {
  const bare = name.startsWith("@") ? name.slice(1) : name;
  if (!ALIAS_NAME.test(bare)) {
    throw new RangeError(
      `Invalid alias "${name}": must be lowercase letters, digits, "_" or "-", starting with a letter`,
    );
  }
  return bare;
}

/** The version `alias` names in the registry at `root`, if any. */
export async function resolveAlias(root: string, alias: string): Promise<string | undefined> {
  return (await readRegistryState(root)).aliases[checkAliasName(alias)];
}

/** Every alias and the version it names, sorted by alias. */
export async function listAliases(root: string): Promise<Record<string, string>> {
  const { aliases } = await readRegistryState(root);
  return Object.fromEntries(Object.keys(aliases).sort().map((a) => [a, aliases[a]]));
}

/**
 * Points `alias` at `version`. @champion and @challenger refuse a version whose gate
 * failed unless `force`.
 * @example
 * await setAlias("data/registry", "champion", "v0007", { reason: "Q3 refit, KS +0.02" });
 */
export async function setAlias(
  root: string,
  alias: string,
  version: string,
  options: SetAliasOptions,
): Promise<AliasChange> {
  const name = checkAliasName(alias);
  return await changeAliases(root, options.now, async (state) => {
    const info = await readVersion(root, version, state);
    const from = state.aliases[name] ?? null;
    if (from === version) throw new RangeError(`Cannot set @${name}: it already names ${version}`);
    if ((name === CHAMPION || name === CHALLENGER) && !info.gatePassed && !options.force) {
      throw new RangeError(
        `Cannot set @${name} to ${version}: its promotion gate failed (use --force to override)`,
      );
    }
    return [move(name, from, version, options)];
  });
}

/** Makes `alias` name no version. */
export async function unsetAlias(
  root: string,
  alias: string,
  options: MoveOptions,
): Promise<AliasChange> {
  const name = checkAliasName(alias);
  return await changeAliases(root, options.now, (state) => {
    const from = state.aliases[name];
    if (from === undefined) throw new RangeError(`Cannot unset @${name}: it names no version`);
    return Promise.resolve([move(name, from, null, options)]);
  });
}

/**
 * Under the lock: reads the state, asks `plan` for the moves, appends them and returns
 * what they did. `plan` throws to refuse.
 */
export async function changeAliases(
  root: string,
  now: Date | undefined,
  plan: (state: RegistryState) => Promise<AliasMove[]>,
): Promise<AliasChange> {
  return await withRegistryLock(root, async () => {
    const state = await readRegistryState(root);
    const moves = await plan(state);
    const replay = replayStages(state.history);
    const written = await writeRegistryState(root, state, moves, now);
    const change: AliasChange = {
      entries: written.appended,
      transitions: stageTransitions(replay, moves),
    };
    return written.migration === undefined ? change : { ...change, migration: written.migration };
  });
}

/** A move of `alias` by the caller, at the time and for the reason they give. */
export function move(
  alias: string,
  from: string | null,
  to: string | null,
  options: MoveOptions,
): AliasMove {
  return {
    alias,
    from,
    to,
    at: (options.now ?? new Date()).toISOString(),
    by: options.by ?? actorFromEnv(),
    reason: options.reason,
  };
}

/** $USER (or $USERNAME), else "unknown". */
export function actorFromEnv(): string {
  try {
    return Deno.env.get("USER") || Deno.env.get("USERNAME") || "unknown";
  } catch {
    return "unknown";
  }
}
