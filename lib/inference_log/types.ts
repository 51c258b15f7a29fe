/**
 * The inference log's records and the two shapes of store: the buffered {@link LogStore}
 * the server appends to, and the {@link LogSink} backends (SQLite, PostgreSQL) it writes
 * batches through.
 */

/** One scored row, as logged. */
export interface InferenceRecord {
  requestId: string;
  /** ISO 8601 time of scoring. */
  time: string;
  modelVersion: string;
  /** Endpoint or job that scored the row ("/predict", "/predict/batch", "score", …). */
  endpoint: string;
  /** The row as the client sent it. */
  inputs: Record<string, unknown>;
  /**
   * The same row as the client's UTF-8 JSON bytes, when the server has them (a /predict
   * body): the backends store them as they are instead of serialising `inputs` again.
   */
  inputsUtf8?: Uint8Array;
  score: number;
  tier: string;
  /**
   * Pairs the row with the same row scored by the other version of a shadow release
   * (the champion's answer and the challenger's shadow score share it).
   */
  pairId?: string;
  /**
   * True on the challenger's shadow row of a pair: the client never saw it, so drift,
   * outlier and realised-performance windows leave it out (each request counts once).
   */
  shadow?: boolean;
  /**
   * Milliseconds the version took to score the call the row came in (request features and
   * the ONNX run; a batch's rows share their call's time, and a shadow group's rows the
   * group's), absent in rows logged before it was.
   */
  latencyMs?: number;
  /**
   * The version's outlier result (isolation score and flag); absent when the version has
   * no outlier model (logged as null).
   */
  outlier?: { score: number; flag: boolean };
}

/** Counters of a {@link LogStore}. */
export interface LogStats {
  /** Records written to the backend. */
  written: number;
  /** Records given up on (buffer overflow during an outage, or unwritten at close). */
  dropped: number;
  /** Failed batch writes. */
  failures: number;
  /** Records buffered or being written. */
  pending: number;
  /**
   * Records written to a log file that was later deleted or replaced (SQLite): counted in
   * `written`, but no longer in the log. Records in the log = written − lost.
   */
  lost: number;
}

/** What the server appends to: buffers records and writes them in batches off the request path. */
export interface LogStore {
  /** Buffers records; never throws and never waits for the backend. */
  append(records: InferenceRecord[]): void;
  /** Writes everything buffered now (one attempt; failures are counted, not thrown). */
  flush(): Promise<void>;
  /** Flushes, then closes the backend; records still unwritten count as dropped. */
  close(): Promise<void>;
  stats(): LogStats;
  /** Counters of the JetStream copy of the log (lib/stream/), when it is streamed. */
  streamStats?(): { written: number; dropped: number; failures: number; pending: number };
}

/** A backend that writes one batch atomically (all records or none) and reads windows back. */
export interface LogSink {
  /** Writes a batch in one transaction; throws when the backend is unavailable. */
  write(records: InferenceRecord[]): Promise<void>;
  /**
   * Reads up to `limit` records logged in [from, to) with an id above `afterId`, by id,
   * for export in chunks.
   */
  readWindow(from: Date, to: Date, afterId: number, limit: number): Promise<LoggedRecord[]>;
  close(): Promise<void>;
  /** Records written that the backend no longer holds (a deleted SQLite file); 0 if absent. */
  lost?(): number;
}

/** A record read back from a backend, with its row id. */
export interface LoggedRecord extends InferenceRecord {
  id: number;
}
