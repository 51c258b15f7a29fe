/** The reason index of a model from a table file, or without one. */
import type { FeatureManifest } from "../../features/manifest/mod.ts";
import { compileReasonIndex, type ReasonIndex } from "./compile.ts";
import { readReasonTable } from "./table.ts";

/**
 * Reads the table at `path` (params governance.reasons, or a version's reasons.yaml) and
 * compiles it against `manifest`; `null`/`undefined`: no table, every feature unmapped.
 * @example
 * ```ts ignore
 * const index = await readReasonIndex("reasons.yaml", manifest);
 * ```
 */
export async function readReasonIndex(
  path: string | null | undefined,
  manifest: FeatureManifest,
): Promise<ReasonIndex> {
  if (path === null || path === undefined) return compileReasonIndex(manifest);
  return compileReasonIndex(manifest, await readReasonTable(path), path);
}
