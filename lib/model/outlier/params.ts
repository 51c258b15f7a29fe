/** params.train.outliers: the outlier model fitted beside the candidate (one zod schema). */
import { z } from "zod";

/** The outlier params as a user writes them; every field has a default. */
export const OutlierParams = z.strictObject({
  /** false: train writes no outlier model and versions serve without outlier fields. */
  enabled: z.boolean().default(true),
  /** Isolation trees. */
  n_trees: z.number().int().min(1).max(1000).default(100),
  /** ψ: rows drawn (without replacement) to grow each tree; capped at the training rows. */
  sample_size: z.number().int().min(2).max(65536).default(256),
  /**
   * Share of the training rows to flag: each detector's threshold is its training
   * quantile 1 − contamination / 2, and a row is flagged when either is exceeded.
   */
  contamination: z.number().gt(0).lt(0.5).default(0.01),
  /** Seed of the trees' samples and splits and of the covariance's row sample. */
  seed: z.number().int().default(7),
});

/** Resolved outlier params. */
export type OutlierParams = z.infer<typeof OutlierParams>;
