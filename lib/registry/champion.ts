/**
 * The registry's champion (the version in Production) as a runner input: its id and the
 * SHA-256 of its version.json, which lists every artifact's checksum, so a re-registered
 * version with the same id but other bytes still reads as a change. Read without zod:
 * `status` and a no-op `repro` call it on every run and must stay fast.
 */
import { join } from "node:path";
import { hashFile } from "../pipeline/store/hash.ts";

/** The champion of a registry, or undefined when no version is in Production. */
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
  const path = join(root, "registry.json");
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  const stages = (JSON.parse(text) as { stages?: unknown }).stages;
  if (typeof stages !== "object" || stages === null) {
    throw new TypeError(`Cannot read ${path}: field "stages": expected a mapping`);
  }
  const version = Object.entries(stages).find(([, stage]) => stage === "Production")?.[0];
  if (version === undefined) return undefined;
  const checksum = await hashFile(join(root, "versions", version, "version.json"));
  return { version, checksum };
}
