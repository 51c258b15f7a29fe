/**
 * Outcomes by risk tier: how many rows fall in each probability band and how many of
 * them defaulted, the confusion view a credit policy reads (approve / review / decline).
 */
import { tierIndex, type TierSpec } from "../tiers/mod.ts";

/** One tier's rows and outcomes. */
export interface TierOutcome {
  tier: string;
  /** Probability band: lower ≤ p < upper. */
  lower: number;
  upper: number;
  rows: number;
  positives: number;
  negatives: number;
  /** Positives / rows in the tier (0 for an empty tier). */
  positiveRate: number;
  /** Share of all rows in this tier. */
  shareOfRows: number;
  /** Share of all positives caught in this tier. */
  shareOfPositives: number;
}

/**
 * Rows and outcomes per tier; a probability belongs to the first tier whose threshold
 * it is below, else to the last.
 * @example
 * ```ts
 * import { DEFAULT_TIERS } from "../tiers/mod.ts";
 * import { confusionByTier } from "./tiers.ts";
 * // low: 1 row, high: 1 positive
 * const outcomes = confusionByTier([0.01, 0.2], [0, 1], DEFAULT_TIERS);
 * if (outcomes.length === 0) throw new Error("expected outcomes by tier");
 * ```
 */
export function confusionByTier(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  tiers: TierSpec,
): TierOutcome[] {
  if (probabilities.length !== labels.length) {
    throw new RangeError(
      `Cannot tabulate tiers: ${probabilities.length} probabilities but ${labels.length} labels`,
    );
  }
  const k = tiers.names.length;
  const rows = new Float64Array(k);
  const positives = new Float64Array(k);
  let allPositives = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const t = tierIndex(probabilities[i], tiers);
    rows[t]++;
    if (labels[i] === 1) {
      positives[t]++;
      allPositives++;
    }
  }
  return tiers.names.map((tier, t) => ({
    tier,
    lower: t === 0 ? 0 : tiers.thresholds[t - 1],
    upper: t === k - 1 ? 1 : tiers.thresholds[t],
    rows: rows[t],
    positives: positives[t],
    negatives: rows[t] - positives[t],
    positiveRate: rows[t] === 0 ? 0 : positives[t] / rows[t],
    shareOfRows: probabilities.length === 0 ? 0 : rows[t] / probabilities.length,
    shareOfPositives: allPositives === 0 ? 0 : positives[t] / allPositives,
  }));
}
