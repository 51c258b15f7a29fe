/**
 * Out-of-repo state as a fingerprinted input. A stage that reads state the repo does not
 * hold (the registry's champion) declares it in `state:`; its value (a readable id and a
 * content hash) goes into the fingerprint, the lock entry and the run-cache key, so a
 * promotion makes the stage stale: `state "registry.champion" changed (v0001 → v0002)`.
 */
import { join } from "node:path";
import type { StateName } from "../spec/state_names.ts";

/** A state's value: `id` for people (`v0001`, `none`), `hash` for the comparison. */
export interface StateValue {
  id: string;
  /** SHA-256 hex of what identifies the state; empty when there is none. */
  hash: string;
}

/** Where the registry whose champion `registry.champion` names lives, relative to the root. */
export const REGISTRY_DIR = "data/registry";

/** The value `registry.champion` has when no version is in Production. */
export const NO_CHAMPION: StateValue = { id: "none", hash: "" };

/**
 * Reads the current value of each named state, keyed by name.
 * @example
 * ```ts
 * import { readStates } from "./state.ts";
 * // e.g. ["registry.champion"] gives { "registry.champion": { id: "v0001", hash: "…" } }
 * const root = await Deno.makeTempDir();
 * const states = await readStates(root, []);
 * await Deno.remove(root);
 * if (Object.keys(states).length !== 0) throw new Error("expected no states");
 * ```
 */
export async function readStates(
  root: string,
  names: readonly string[],
): Promise<Record<string, StateValue>> {
  const values: Record<string, StateValue> = {};
  for (const name of [...names].sort()) values[name] = await readState(root, name as StateName);
  return values;
}

async function readState(root: string, name: StateName): Promise<StateValue> {
  switch (name) {
    case "registry.champion": {
      const { championState } = await import("../../registry/champion.ts");
      const registry = join(root, REGISTRY_DIR);
      let champion;
      try {
        champion = await championState(registry);
      } catch (error) {
        throw new Error(
          `Cannot read state "${name}" from ${REGISTRY_DIR}: ${(error as Error).message}`,
        );
      }
      return champion === undefined
        ? { ...NO_CHAMPION }
        : { id: champion.version, hash: champion.checksum };
    }
    default:
      throw new RangeError(`Cannot read state "${name}": unknown state`);
  }
}

/** True when two recorded values of a state are the same. */
export function sameState(a: StateValue | undefined, b: StateValue | undefined): boolean {
  return a?.id === b?.id && a?.hash === b?.hash;
}
