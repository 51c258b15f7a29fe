/**
 * Where the challenger of a release comes from: an alias (`@challenger`, resolved again on
 * every reload, so moving the alias swaps the challenger like @champion) or a version by
 * name (fixed).
 */
import { readRegistryState } from "../../registry/registry_state.ts";
import { ReleasePolicyError } from "./policy.ts";

/** The version `spec` names now in the registry at `root` (undefined: none). */
export async function challengerVersion(root: string, spec: string): Promise<string | undefined> {
  const state = await readRegistryState(root);
  if (spec.startsWith("@")) return state.aliases[spec.slice(1)];
  return state.versions.includes(spec) ? spec : undefined;
}

/**
 * The version `spec` names, checked at start-up: an alias that names no version, or a
 * version the registry does not hold, is a {@link ReleasePolicyError} naming the param.
 */
export async function requireChallenger(root: string, spec: string): Promise<string> {
  const version = await challengerVersion(root, spec);
  if (version !== undefined) return version;
  const rule = spec.startsWith("@")
    ? `the alias names no version in ${root}`
    : `the registry ${root} has no such version`;
  throw new ReleasePolicyError(`Invalid serve.release.challenger "${spec}": ${rule}`);
}
