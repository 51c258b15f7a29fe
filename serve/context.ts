/** What every route of the app shares: its dependencies, limits, metrics and recent rows. */
import type { InferenceRecord, LogStore, OutcomeStore } from "../lib/inference_log/mod.ts";
import type { LiveModel } from "../lib/scoring/live_model.ts";
import type { AppMetrics } from "./metrics.ts";

/** Dependencies of {@link createApp} (only serve/main.ts builds real ones). */
export interface AppDeps {
  /** The served model and its hot swaps. */
  model: LiveModel;
  logStore: LogStore;
  /** Where POST /feedback stores outcomes (it answers 503 without one). */
  outcomes?: OutcomeStore;
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
  logStore: LogStore;
  outcomes: OutcomeStore | undefined;
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
