/**
 * GBDT training parameters with XGBoost's names and semantics, validated by one zod
 * schema that also holds every default.
 */
import { z } from "zod";

/** The training parameters; every field has a default. */
export const GbdtParamsSchema = z.object({
  /** Value bins per feature (a missing bin comes on top). */
  max_bin: z.number().int().min(2).max(255).default(255),
  /** Depth limit; 0 means unlimited (allowed only with lossguide). */
  max_depth: z.number().int().min(0).max(30).default(6),
  /** Leaf limit; 0 means unlimited. Drives leaf-wise growth with grow_policy lossguide. */
  max_leaves: z.number().int().min(0).default(0),
  grow_policy: z.enum(["depthwise", "lossguide"]).default("depthwise"),
  learning_rate: z.number().gt(0).max(1).default(0.1),
  n_rounds: z.number().int().min(1).default(300),
  /** L2 penalty on leaf weights. */
  lambda: z.number().min(0).default(1),
  /** Minimum hessian sum in each child. */
  min_child_weight: z.number().min(0).default(1),
  /** Minimum loss reduction (XGBoost's gamma) for a split to be kept. */
  min_split_gain: z.number().min(0).default(0),
  subsample: z.number().gt(0).max(1).default(1),
  colsample_bytree: z.number().gt(0).max(1).default(1),
  scale_pos_weight: z.number().gt(0).default(1),
  /** Stop after this many rounds without improvement on the validation set; 0 = off. */
  early_stopping_rounds: z.number().int().min(0).default(0),
  /** Validation metric for early stopping. */
  eval_metric: z.enum(["auc", "logloss"]).default("auc"),
  /** Rows sampled (seeded) to find the bin edges; all rows when there are fewer. */
  bin_sample_rows: z.number().int().min(1000).default(200_000),
  seed: z.number().int().default(0),
  /**
   * Monotone constraints, XGBoost's monotone_constraints by feature name: 1 makes the
   * margin non-decreasing in the feature, -1 non-increasing (missing values aside).
   */
  monotone: z.record(
    z.string(),
    z.literal([1, -1], { error: "must be 1 (increasing) or -1 (decreasing)" }),
  ).default({}),
});

/** Resolved GBDT parameters. */
export type GbdtParams = z.infer<typeof GbdtParamsSchema>;

/** The defaults, as a plain object. */
export const DEFAULT_GBDT_PARAMS: Readonly<GbdtParams> = Object.freeze(GbdtParamsSchema.parse({}));

/**
 * The params as a user writes them: unknown names rejected, and a depth limit of 0
 * (unlimited) only with lossguide growth. The one schema behind `resolveGbdtParams` and
 * the pipeline's `train.gbdt` params.
 */
export const GbdtParamsInput = GbdtParamsSchema.strict().superRefine((params, ctx) => {
  if (params.grow_policy === "depthwise" && params.max_depth === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["max_depth"],
      message: "must be at least 1 with depthwise growth",
    });
  }
});

/**
 * Fills in defaults and validates; throws a RangeError naming the offending param.
 * @example
 * ```ts
 * import { resolveGbdtParams } from "./params.ts";
 * const params = resolveGbdtParams({ max_depth: 4 });
 * if (params.learning_rate !== 0.1) throw new Error(`expected 0.1, got ${params.learning_rate}`);
 * ```
 */
export function resolveGbdtParams(params: Partial<GbdtParams> = {}): GbdtParams {
  const result = GbdtParamsInput.safeParse(params);
  if (!result.success) {
    const problems = result.error.issues.map((issue) =>
      `${issue.path.join(".") || "(params)"}: ${issue.message}`
    );
    throw new RangeError(`Invalid GBDT params: ${problems.join("; ")}`);
  }
  return result.data;
}
