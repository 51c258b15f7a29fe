/**
 * Tiers that fit the data (`serve.tiers_by: quantile`): the thresholds are quantiles of
 * the model's scores on its training split, so a table with a 30% base rate spreads its
 * applicants over every tier instead of putting them all in the top two. Derived once,
 * at evaluate time, and stored with the version as plain thresholds.
 */
import { TierSpec } from "./mod.ts";

/** Derived tiers with how they were derived, as evaluate writes them (tiers.json). */
export interface DerivedTiers extends TierSpec {
  by: "thresholds" | "quantile";
  /** For `quantile`: the quantiles asked for and the rows they were taken over. */
  quantiles?: number[];
  rows?: number;
}

/**
 * Thresholds at `quantiles` of `scores` (linear interpolation, numpy's default). Throws
 * a RangeError naming the quantiles when two fall on the same score or a threshold is
 * 0 or 1 (too few distinct scores for that many tiers).
 * @example
 * ```ts
 * import { tiersFromQuantiles } from "./quantile.ts";
 * tiersFromQuantiles(["low", "high"], [0.5], [0.1, 0.2, 0.3, 0.4]).thresholds; // [0.25]
 * ```
 */
export function tiersFromQuantiles(
  names: string[],
  quantiles: number[],
  scores: ArrayLike<number>,
): DerivedTiers {
  if (scores.length === 0) throw new RangeError("Cannot derive tiers: no training scores");
  const sorted = Float64Array.from(scores).sort();
  const thresholds = quantiles.map((q) => quantileOfSorted(sorted, q));
  const spec = TierSpec.safeParse({ names, thresholds });
  if (!spec.success) {
    const listed = quantiles.map((q, i) => `${q} → ${thresholds[i]}`).join(", ");
    throw new RangeError(
      `Cannot derive tiers from serve.tier_quantiles: the training scores give ${listed}; ` +
        `thresholds must be increasing and strictly between 0 and 1 (${
          spec.error.issues[0].message
        })`,
    );
  }
  return { ...spec.data, by: "quantile", quantiles, rows: scores.length };
}

function quantileOfSorted(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
}
