/**
 * The inference log as the server sees it: the shape engineer "log" exports from
 * lib/inference_log/ (kept structurally identical here until that module lands).
 */

/** One scored row, as logged. */
export interface InferenceRecord {
  requestId: string;
  /** ISO 8601 time of scoring. */
  time: string;
  modelVersion: string;
  /** Endpoint that scored the row ("/predict", "/predict/batch", "/explain"). */
  endpoint: string;
  /** The row as the client sent it. */
  inputs: Record<string, unknown>;
  score: number;
  tier: string;
}

/** Counters of a {@link LogStore}. */
export interface LogStats {
  written: number;
  dropped: number;
  failures: number;
  pending: number;
}

/** Buffers records and writes them in batches off the request path. */
export interface LogStore {
  /** Buffers records; never throws and never waits for the backend. */
  append(records: InferenceRecord[]): void;
  flush(): Promise<void>;
  close(): Promise<void>;
  stats(): LogStats;
}
