/** The outlier columns of a log row read back as a record's `outlier` (absent when null). */
import type { InferenceRecord } from "./types.ts";

/** `{ outlier }` from the outlier_score and outlier_flag columns, or `{}` when they are null. */
export function loggedOutlier(score: unknown, flag: unknown): Pick<InferenceRecord, "outlier"> {
  if (score === null || score === undefined || flag === null || flag === undefined) return {};
  // SQLite stores the flag as 0/1, PostgreSQL as a boolean.
  return { outlier: { score: Number(score), flag: flag === true || Number(flag) === 1 } };
}
