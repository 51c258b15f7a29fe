/**
 * Drift thresholds, one place for their defaults. PSI 0.1 / 0.25 are the usual credit-
 * scoring bands (stable / some shift / major shift); the missing-rate bands are absolute
 * changes of the share of missing values.
 */
import { z } from "zod";

/** The `drift` params section (every key optional; defaults below). */
export const DriftThresholds = z.object({
  /** PSI at or above which a feature is marked "warn". */
  psi_warn: z.number().positive().default(0.1),
  /** PSI at or above which a feature is marked "alert" (drifted). */
  psi_alert: z.number().positive().default(0.25),
  /** Absolute missing-rate change marked "warn". */
  missing_warn: z.number().positive().default(0.05),
  /** Absolute missing-rate change marked "alert" (drifted). */
  missing_alert: z.number().positive().default(0.2),
  /** Current windows with fewer rows are flagged "small-window", not judged. */
  min_rows: z.number().int().positive().default(100),
  /** Dataset drift when at least this share of the judged features drifted. */
  dataset_share: z.number().gt(0).max(1).default(0.5),
  /** Quantile bins for numeric PSI. */
  bins: z.number().int().min(2).default(10),
});
/** Resolved drift thresholds. */
export type DriftThresholds = z.infer<typeof DriftThresholds>;

/** The default thresholds (what an empty `drift` params section gives). */
export const DEFAULT_DRIFT_THRESHOLDS: DriftThresholds = DriftThresholds.parse({});

/** How a feature (or the score, or the dataset) fares against the thresholds. */
export type DriftStatus = "ok" | "warn" | "alert" | "small-window";

/** Ordering for sorting and for combining statuses (worst wins). */
export const STATUS_RANK: Record<DriftStatus, number> = {
  "small-window": 0,
  ok: 1,
  warn: 2,
  alert: 3,
};
