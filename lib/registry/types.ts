/**
 * The registry's on-disk records. `versions/<id>/version.json` is written once and never
 * changed (artifacts, checksums, lineage, gate); `registry.json` holds what changes
 * (each version's stage and the history of transitions).
 */
import { z } from "zod";

/** Lifecycle stages of a model version, as in MLflow's model registry. */
export const MODEL_STAGES = ["None", "Staging", "Production", "Archived"] as const;
export type ModelStage = (typeof MODEL_STAGES)[number];

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

/** One stage transition, kept forever for audit and rollback. */
export const Transition = z.object({
  time: z.string(),
  version: z.string(),
  from: z.enum(MODEL_STAGES),
  to: z.enum(MODEL_STAGES),
  reason: z.string(),
});
export type Transition = z.infer<typeof Transition>;

/** registry.json */
export const RegistryIndex = z.object({
  formatVersion: z.literal(1),
  /** Version id → current stage. */
  stages: z.record(z.string(), z.enum(MODEL_STAGES)),
  history: z.array(Transition),
});
export type RegistryIndex = z.infer<typeof RegistryIndex>;

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
