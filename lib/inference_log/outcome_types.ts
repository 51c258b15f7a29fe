/**
 * Outcomes (ground truth) of logged predictions: what a client reports, how each reported
 * row ends (accepted, duplicate, rejected with its issues), and the store that joins them
 * to the inference log.
 */
import type { RowIssue } from "../contracts/mod.ts";

/** A reported outcome after its fields passed their rules (outcome_rows.ts). */
export interface OutcomeClaim {
  /** 1-based position in the batch (a CSV's data row). */
  row: number;
  /** The request that scored the row, when given. */
  requestId?: string;
  /** The applicant's id (the version's key column), as text; when given. */
  id?: string;
  outcome: 0 | 1;
  /** ISO 8601 UTC (`toISOString()` form). */
  observedAt: string;
}

/** How one reported row ended. */
export type OutcomeStatus = "accepted" | "duplicate" | "rejected";

/** One reported row's result. */
export interface OutcomeRowResult {
  row: number;
  status: OutcomeStatus;
  /** The matched prediction's request id (absent when no prediction matched). */
  requestId?: string;
  /** The matched prediction's model version. */
  modelVersion?: string;
  /** Every rule the row breaks; empty unless rejected. */
  issues: RowIssue[];
}

/** What a batch of reported outcomes came to. */
export interface OutcomeSummary {
  accepted: number;
  duplicate: number;
  rejected: number;
  rows: OutcomeRowResult[];
}

/** A logged prediction an outcome may join to. */
export interface PredictionRef {
  /** Row id in the inference log. */
  logId: number;
  requestId: string;
  /** ISO 8601 time of scoring. */
  time: string;
  modelVersion: string;
  /** The key column's value in the logged inputs, as text (null when absent). */
  key: string | null;
}

/** An outcome to store, joined to one prediction. */
export interface OutcomeWrite {
  logId: number;
  requestId: string;
  outcome: 0 | 1;
  observedAt: string;
}

/** Options of {@link OutcomeStore.record}. */
export interface RecordOutcomesOptions {
  /** The time now: an outcome observed later is refused. */
  now: Date;
  /** The key column joining `id` to the logged inputs (undefined: `id` cannot be joined). */
  key?: string;
  /** Number of the first row, for a batch that continues a file (default 1). */
  firstRow?: number;
}

/** Labelled predictions as columns, oldest first: one entry per prediction with an outcome. */
export interface LabelledRows {
  modelVersion: string[];
  /** Time of scoring, Unix milliseconds. */
  time: Float64Array;
  score: Float64Array;
  tier: string[];
  outcome: Uint8Array;
}

/** Stores outcomes beside the inference log, each joined to exactly one prediction. */
export interface OutcomeStore {
  /**
   * Checks every reported row, stores the accepted ones in one transaction and says what
   * became of each row. Throws only when the backend fails (then nothing was stored).
   */
  record(rows: readonly unknown[], options: RecordOutcomesOptions): Promise<OutcomeSummary>;
  /** The predictions scored in [from, to) that have an outcome (rows without a score left out). */
  labelled(from: Date, to: Date): Promise<LabelledRows>;
  close(): Promise<void>;
}

/** Builds {@link LabelledRows} from rows read in time order. */
export function labelledRows(
  rows: readonly {
    modelVersion: string;
    time: number;
    score: number;
    tier: string;
    outcome: number;
  }[],
): LabelledRows {
  return {
    modelVersion: rows.map((r) => r.modelVersion),
    time: Float64Array.from(rows, (r) => r.time),
    score: Float64Array.from(rows, (r) => r.score),
    tier: rows.map((r) => r.tier),
    outcome: Uint8Array.from(rows, (r) => r.outcome),
  };
}
