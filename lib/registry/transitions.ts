/**
 * Stage transitions: promote a version (refusing one whose gate failed unless forced;
 * the previous Production version is archived) and roll Production back to the version
 * that held it before.
 */
import { MODEL_STAGES, type ModelStage, type Transition } from "./types.ts";
import { readIndex, readVersion, recordTransition, withRegistryLock, writeIndex } from "./store.ts";

/** Options for {@link promote}. */
export interface PromoteOptions {
  /** Promote even though the version's gate failed. */
  force?: boolean;
  reason?: string;
  now?: Date;
}

/** Moves `version` to `stage`; returns the transitions made (the demotion first). */
export async function promote(
  root: string,
  version: string,
  stage: string,
  options: PromoteOptions = {},
): Promise<Transition[]> {
  if (!(MODEL_STAGES as readonly string[]).includes(stage)) {
    throw new RangeError(
      `Cannot promote ${version}: stage "${stage}" is not one of ${MODEL_STAGES.join(", ")}`,
    );
  }
  const target = stage as ModelStage;
  return await withRegistryLock(root, async () => {
    const index = await readIndex(root);
    const info = await readVersion(root, version, index);
    if (info.stage === target) {
      throw new RangeError(`Cannot promote ${version}: it is already in ${target}`);
    }
    if ((target === "Production" || target === "Staging") && !info.gatePassed && !options.force) {
      throw new RangeError(
        `Cannot promote ${version} to ${target}: its promotion gate failed (use --force to override)`,
      );
    }
    const now = options.now ?? new Date();
    const made: Transition[] = [];
    if (target === "Production") {
      for (const [other, otherStage] of Object.entries(index.stages)) {
        if (otherStage === "Production") {
          made.push(recordTransition(index, other, "Archived", `replaced by ${version}`, now));
        }
      }
    }
    const reason = options.reason ?? (options.force && !info.gatePassed ? "forced" : "promoted");
    made.push(recordTransition(index, version, target, reason, now));
    await writeIndex(root, index);
    return made;
  });
}

/**
 * Puts back in Production the version that was there before the current one, and
 * archives the current one.
 */
export async function rollback(root: string, now: Date = new Date()): Promise<Transition[]> {
  return await withRegistryLock(root, async () => {
    const index = await readIndex(root);
    const current = Object.entries(index.stages).find(([, s]) => s === "Production")?.[0];
    if (current === undefined) {
      throw new RangeError("Cannot roll back: no version is in Production");
    }
    const previous = index.history
      .filter((t) => t.to === "Production" && t.version !== current)
      .at(-1)?.version;
    if (previous === undefined) {
      throw new RangeError(`Cannot roll back: ${current} is the only version ever in Production`);
    }
    const made = [
      recordTransition(index, current, "Archived", `rolled back to ${previous}`, now),
      recordTransition(index, previous, "Production", `rollback from ${current}`, now),
    ];
    await writeIndex(root, index);
    return made;
  });
}
