/**
 * The stage commands of before, as alias moves: `promote <v> Production` sets @champion,
 * `Staging` sets @challenger (both refuse a version whose gate failed unless forced),
 * `Archived` unsets every stage alias the version holds; None cannot be set (a version
 * that held an alias reads as Archived). Entering Production or Staging leaves the other. Rollback moves an alias back to the version it
 * named before.
 */
import { type AliasChange, changeAliases, checkAliasName, move } from "./aliases.ts";
import type { AliasMove } from "./history.ts";
import type { Transition } from "./registry_file.ts";
import { CHAMPION, MODEL_STAGES, type ModelStage, STAGE_ALIASES } from "./stage_names.ts";
import { readVersion } from "./store.ts";

/** Options for {@link promote}. */
export interface PromoteOptions {
  /** Promote even though the version's gate failed. */
  force?: boolean;
  reason?: string;
  /** Who promotes (default $USER). */
  by?: string;
  now?: Date;
}

/** Moves `version` to `stage`; returns the transitions made (the demotion first). */
export async function promote(
  root: string,
  version: string,
  stage: string,
  options: PromoteOptions = {},
): Promise<Transition[]> {
  return (await promoteVersion(root, version, stage, options)).transitions;
}

/** {@link promote}, returning the history entries too. */
export async function promoteVersion(
  root: string,
  version: string,
  stage: string,
  options: PromoteOptions = {},
): Promise<AliasChange> {
  if (!(MODEL_STAGES as readonly string[]).includes(stage)) {
    throw new RangeError(
      `Cannot promote ${version}: stage "${stage}" is not one of ${MODEL_STAGES.join(", ")}`,
    );
  }
  const target = stage as ModelStage;
  return await changeAliases(root, options.now, async (state) => {
    const info = await readVersion(root, version, state);
    if (info.stage === target) {
      throw new RangeError(`Cannot promote ${version}: it is already in ${target}`);
    }
    const alias = STAGE_ALIASES[target];
    if (alias === undefined) return leaveStages(version, target, info.aliases, options);
    if (!info.gatePassed && !options.force) {
      throw new RangeError(
        `Cannot promote ${version} to ${target}: its promotion gate failed (use --force to override)`,
      );
    }
    const reason = options.reason ?? (options.force && !info.gatePassed ? "forced" : "promoted");
    const moved = { ...options, reason };
    // A version is in one stage: entering this one leaves the other's alias.
    const left = Object.values(STAGE_ALIASES).filter((a) =>
      a !== alias && info.aliases.includes(a)
    );
    return [
      move(alias, state.aliases[alias] ?? null, version, moved),
      ...left.map((other) => move(other, version, null, moved)),
    ];
  });
}

function leaveStages(
  version: string,
  target: ModelStage,
  held: readonly string[],
  options: PromoteOptions,
): AliasMove[] {
  const stageAliases = Object.values(STAGE_ALIASES).filter((a) => held.includes(a));
  if (target === "None" || stageAliases.length === 0) {
    throw new RangeError(
      `Cannot promote ${version} to ${target}: stages are aliases now ` +
        `(Production = @champion, Staging = @challenger, Archived = held one and holds none); ` +
        (stageAliases.length === 0
          ? `${version} holds neither`
          : `use "promote ${version} Archived" or "alias unset"`),
    );
  }
  const reason = options.reason ?? "archived";
  return stageAliases.map((alias) => move(alias, version, null, { ...options, reason }));
}

/** Options for {@link rollbackAlias}. */
export interface RollbackOptions {
  /** The alias to move back (default champion). */
  alias?: string;
  reason?: string;
  by?: string;
  now?: Date;
}

/**
 * Puts back in Production the version @champion named before the current one (the
 * current one reads as Archived).
 */
export async function rollback(root: string, now: Date = new Date()): Promise<Transition[]> {
  return (await rollbackAlias(root, { now })).transitions;
}

/** Moves an alias (default @champion) back to the version it named before the current one. */
export async function rollbackAlias(
  root: string,
  options: RollbackOptions = {},
): Promise<AliasChange> {
  const alias = checkAliasName(options.alias ?? CHAMPION);
  const label = alias === CHAMPION ? "in Production" : `named by @${alias}`;
  return await changeAliases(root, options.now, (state) => {
    const current = state.aliases[alias];
    if (current === undefined) {
      throw new RangeError(`Cannot roll back: no version is ${label}`);
    }
    const previous = state.history
      .filter((entry) => entry.alias === alias)
      .reverse()
      .flatMap((entry) => [entry.to, entry.from])
      .find((version) => version !== null && version !== current);
    if (previous === undefined || previous === null) {
      throw new RangeError(`Cannot roll back: ${current} is the only version ever ${label}`);
    }
    const reason = options.reason ?? `rollback from ${current}`;
    return Promise.resolve([move(alias, current, previous, { ...options, reason })]);
  });
}
