/**
 * Tags on versions (`key=value`, as MLflow's version tags): free-form notes for people
 * and tools (`validated_by=risk-team`, `ticket=MRM-112`), kept in registry.json. They are
 * not alias moves, so the history does not record them.
 */
import { readRegistryState, writeRegistryState } from "./registry_state.ts";
import { withRegistryLock } from "./store.ts";

/** The rule a tag key follows. */
export const TAG_KEY = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/**
 * Parses `key=value` arguments into tags; throws a RangeError naming a bad one.
 * @example
 * parseTagArguments(["ticket=MRM-112"]); // { ticket: "MRM-112" }
 */
export function parseTagArguments(args: readonly string[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const arg of args) {
    const at = arg.indexOf("=");
    if (at < 0) throw new RangeError(`Invalid tag "${arg}": expected key=value`);
    tags[checkTagKey(arg.slice(0, at))] = arg.slice(at + 1);
  }
  return tags;
}

/** Returns `key` when it is a valid tag key; throws a RangeError saying the rule. */
export function checkTagKey(key: string): string {
  if (!TAG_KEY.test(key)) {
    throw new RangeError(
      `Invalid tag key "${key}": must be letters, digits, "_", "." or "-", starting with a letter`,
    );
  }
  return key;
}

/** A version's tags after a change, and a line when the write converted the format. */
export interface TagChange {
  tags: Record<string, string>;
  migration?: string;
}

/** Sets tags on `version`. */
export async function setTags(
  root: string,
  version: string,
  tags: Record<string, string>,
): Promise<TagChange> {
  for (const key of Object.keys(tags)) checkTagKey(key);
  return await changeTags(root, version, (current) => Object.assign(current, tags));
}

/** Removes tags from `version` (a key it does not have is an error). */
export async function removeTags(
  root: string,
  version: string,
  keys: readonly string[],
): Promise<TagChange> {
  return await changeTags(root, version, (current) => {
    for (const key of keys) {
      if (!(key in current)) {
        throw new RangeError(`Cannot untag ${version}: it has no tag "${key}"`);
      }
      delete current[key];
    }
  });
}

async function changeTags(
  root: string,
  version: string,
  change: (tags: Record<string, string>) => void,
): Promise<TagChange> {
  return await withRegistryLock(root, async () => {
    const state = await readRegistryState(root);
    if (!state.versions.includes(version)) {
      throw new RangeError(`Cannot find model ${version} in ${root}`);
    }
    const tags = state.tags[version] ??= {};
    change(tags);
    const { migration } = await writeRegistryState(root, state);
    return migration === undefined ? { tags: { ...tags } } : { tags: { ...tags }, migration };
  });
}
