/** What every route of the app shares: its dependencies, limits, metrics and recent rows. */
import type { InferenceRecord, LogStore, OutcomeStore } from "../lib/inference_log/mod.ts";
import type { LiveModel } from "../lib/scoring/live_model.ts";
import type { ReleasePolicy } from "../lib/scoring/release/policy.ts";
import type { AppMetrics } from "./metrics.ts";
import type { ReleaseRouting } from "./release/routing.ts";
import type { ShadowQueue } from "./release/shadow.ts";

/** Dependencies of {@link createApp} (only serve/main.ts builds real ones). */
export interface AppDeps {
  /** The served model (the champion) and its hot swaps. */
  model: LiveModel;
  /** The challenger beside it (shadow or canary), itself hot-swapped. */
  challenger?: LiveModel;
  /** How requests meet champion and challenger (default single: the champion alone). */
  release?: ReleasePolicy;
  /** Seed of the canary's draw for requests without an applicant id (default 1). */
  canarySeed?: number;
  /** How long shadow jobs gather before they score together (default SHADOW_FLUSH_MS). */
  shadowFlushMs?: number;
  logStore: LogStore;
  /** Where POST /feedback stores outcomes (it answers 503 without one). */
  outcomes?: OutcomeStore;
  /** Registry directory the versions come from (POST /admin/rollback moves its aliases). */
  registry?: string;
  clock?: () => Date;
  /** Request ids (default: random UUIDs). */
  requestId?: () => string;
  /** Bearer token of the admin endpoints; they answer 404 when unset. */
  adminToken?: string;
  /** Directory of the static drift site served at /drift/. */
  driftDir?: string;
  /** Largest request body in bytes (default: serve/defaults.ts). */
  maxBodyBytes?: number;
  /** Largest /predict/batch (default: serve/defaults.ts). */
  maxBatchRows?: number;
  /** How many recent inferences the admin endpoint keeps (default: serve/defaults.ts). */
  recentLimit?: number;
  /**
   * Receives one access-log line per request (see serve/middleware/access_log.ts); when
   * absent the access-log middleware is not installed at all.
   */
  accessLog?: (line: string) => void;
  /** Called with genuine server faults (default: console.error). */
  onServerError?: (error: unknown) => void;
}

/** The resolved dependencies the routes read. */
export interface ServeContext {
  model: LiveModel;
  release: ReleaseRouting;
  shadow: ShadowQueue;
  logStore: LogStore;
  outcomes: OutcomeStore | undefined;
  registry: string | undefined;
  clock: () => Date;
  requestId: () => string;
  adminToken: string | undefined;
  driftDir: string | undefined;
  maxBodyBytes: number;
  maxBatchRows: number;
  metrics: AppMetrics;
  /** Logs scored rows and keeps the latest for the admin endpoint. */
  record(records: InferenceRecord[]): void;
  recent(limit: number): InferenceRecord[];
}
