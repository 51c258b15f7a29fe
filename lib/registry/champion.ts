/**
 * The registry's champion (the version @champion names, Production) as a runner input:
 * its id and the SHA-256 of its version.json, which lists every artifact's checksum, so a
 * re-registered version with the same id but other bytes still reads as a change. Read
 * without zod (registry_state.ts, history verified): `status` and a no-op `repro` call it
 * on every run and must stay fast.
 */
import { join } from "node:path";
import { hashFile } from "../pipeline/store/hash.ts";
import { readRegistryState } from "./registry_state.ts";
import { CHAMPION } from "./stage_names.ts";

/** The champion of a registry (undefined when @champion names no version). */
export interface ChampionState {
  version: string;
  /** SHA-256 hex of `versions/<version>/version.json`. */
  checksum: string;
}

/**
 * Reads the champion of the registry at `root` (an absent registry has none).
 * @example
 * const champion = await championState("data/registry"); // { version: "v0001", checksum: "…" }
 */
export async function championState(root: string): Promise<ChampionState | undefined> {
  const version = (await readRegistryState(root)).aliases[CHAMPION];
  if (version === undefined) return undefined;
  const checksum = await hashFile(join(root, "versions", version, "version.json"));
  return { version, checksum };
}
