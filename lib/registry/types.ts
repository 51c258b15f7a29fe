/**
 * The registry's on-disk records. `versions/<id>/version.json` is written once and never
 * changed (artifacts, checksums, lineage, gate); what changes (tags, aliases and their
 * history) is in registry.json and history.jsonl (registry_file.ts, history.ts).
 */
import { z } from "zod";

export { MODEL_STAGES, type ModelStage } from "./stage_names.ts";
export type { Transition } from "./registry_file.ts";

/** version.json: the immutable record of one registered version. */
export const VersionRecord = z.object({
  formatVersion: z.literal(1),
  version: z.string().regex(/^v\d{4,}$/),
  createdAt: z.string(),
  /** Artifact file name → SHA-256 hex of its bytes. */
  artifacts: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
  /** Flat metric name → value, for list and compare. */
  metrics: z.record(z.string(), z.number()),
  gatePassed: z.boolean(),
  /** Params, input hashes, git commit: whatever the register stage recorded. */
  lineage: z.record(z.string(), z.unknown()),
});
export type VersionRecord = z.infer<typeof VersionRecord>;

/** Raised when an artifact's bytes no longer match the checksum recorded at registration. */
export class TamperedArtifactError extends Error {
  constructor(
    readonly version: string,
    readonly artifact: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `Cannot load model ${version}: artifact "${artifact}" has SHA-256 ${actual.slice(0, 12)}…, ` +
        `registered as ${expected.slice(0, 12)}…`,
    );
    this.name = "TamperedArtifactError";
  }
}
