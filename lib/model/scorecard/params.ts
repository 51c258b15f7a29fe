/**
 * Scorecard parameters (binning, the logistic fit on WOE, points scaling), validated by
 * one zod schema that also holds every default.
 */
import { z } from "zod";

/** The scorecard parameters as a user writes them; every field has a default. */
export const ScorecardParams = z.object({
  /** Quantile pre-bins per numeric feature before merging. */
  pre_bins: z.number().int().min(2).max(200).default(20),
  /** Least share of the training rows in every value bin (the missing bin is exempt). */
  min_bin_share: z.number().min(0.005).max(0.5).default(0.05),
  /** Features whose information value is below this are left out of the model. */
  min_iv: z.number().min(0).default(0.02),
  /** L2 penalty on the WOE coefficients (not the intercept), on the summed log-loss. */
  l2: z.number().min(0).default(1),
  /** Newton iterations allowed before giving up. */
  max_iter: z.number().int().min(1).default(100),
  /** Convergence when max |gradient| / rows ≤ tol. */
  tol: z.number().gt(0).default(1e-8),
  /** Score at which the good:bad odds are `base_odds`. */
  base_score: z.number().default(600),
  /** Good:bad odds at `base_score`. */
  base_odds: z.number().gt(0).default(50),
  /** Points that double the good:bad odds. */
  pdo: z.number().gt(0).default(20),
}).strict();

/** Resolved scorecard parameters. */
export type ScorecardParams = z.infer<typeof ScorecardParams>;

/** Scorecard parameters as given, before defaults (every field optional). */
export type ScorecardParamsInput = z.input<typeof ScorecardParams>;

/** Fills in defaults and validates; throws a RangeError naming the offending param. */
export function resolveScorecardParams(input: unknown = {}): ScorecardParams {
  const parsed = ScorecardParams.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue.path.length > 0 ? issue.path.join(".") : "params";
  throw new RangeError(`Invalid scorecard params: ${where} ${issue.message}`);
}
