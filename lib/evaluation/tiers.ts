/**
 * Outcomes by risk tier: how many rows fall in each probability band and how many of
 * them defaulted, the confusion view a credit policy reads (approve / review / decline).
 */
import { z } from "zod";

/** Tier names and the cut-offs between consecutive tiers (one fewer than the names). */
export const TierBands = z.object({
  names: z.array(z.string().min(1)).min(1),
  thresholds: z.array(z.number().gt(0).lt(1)),
}).refine((t) => t.thresholds.length === t.names.length - 1, {
  message: "needs one threshold fewer than tier names",
}).refine((t) => t.thresholds.every((v, i) => i === 0 || v > t.thresholds[i - 1]), {
  message: "thresholds must be increasing",
});
/** Tier names and thresholds. */
export type TierBands = z.infer<typeof TierBands>;

/**
 * Tiers when the params name none: low < 5% ≤ medium < 15% ≤ high. The evaluate stage
 * reads `serve.tier_names` and `serve.tier_thresholds` (the served tiers) when present.
 */
export const DEFAULT_TIER_BANDS: TierBands = {
  names: ["low", "medium", "high"],
  thresholds: [0.05, 0.15],
};

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
 * confusionByTier([0.01, 0.2], [0, 1], DEFAULT_TIER_BANDS); // low: 1 row, high: 1 positive
 */
export function confusionByTier(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  tiers: TierBands,
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
    let t = 0;
    while (t < k - 1 && probabilities[i] >= tiers.thresholds[t]) t++;
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
