/**
 * What drift needs of the reference side of one feature (or of the score), instead of
 * its values: row and missing counts, the PSI bin edges with the reference's count in
 * each bin, category counts, and the reference's empirical CDF for KS. Summarised from
 * the full column (every distinct value kept, so KS is exact) or read from the sketch a
 * version stores at registration (lib/drift/sketch/), whose CDF may keep only some
 * points and then says how far its KS statistic can be from the exact one.
 */
import type { FeatureSpec } from "../../model/types.ts";
import { categoryCounts } from "./categories.ts";
import { edgesOfSorted, sortedFinite } from "./psi.ts";

/** The reference of a numeric feature. */
export interface NumericSummary {
  kind: "numeric";
  /** Every row, missing ones included. */
  rows: number;
  /** Rows whose value is not finite. */
  missing: number;
  /** The number of PSI bins the edges were cut for (drift.bins). */
  bins: number;
  /** {@link quantileEdges} of the reference's values. */
  edges: number[];
  /** Finite reference values in each bin (edges.length + 1 of them). */
  binCounts: number[];
  /** Distinct finite values, ascending: all of them, or a subset when `ksBound` > 0. */
  cdfValues: Float64Array;
  /** cdfCounts[k]: finite reference values ≤ cdfValues[k] (exact, whatever was kept). */
  cdfCounts: Float64Array;
  /**
   * The largest share of finite reference values lying strictly between two kept CDF
   * points (or below the first): a bound on |KS statistic − exact KS statistic|. 0 when
   * every distinct value is kept.
   */
  ksBound: number;
}

/** The reference of a categorical or boolean feature. */
export interface CategoricalSummary {
  kind: "categorical";
  rows: number;
  missing: number;
  /** {@link categoryCounts} over the feature's levels. */
  counts: Float64Array;
}

/** One feature's reference, as drift compares it. */
export type ReferenceSummary = NumericSummary | CategoricalSummary;

/**
 * Summarises a numeric column: PSI edges for `bins`, and a CDF of at most `maxPoints`
 * points (every distinct value when there are no more than that).
 * @example
 * ```ts
 * import { summariseNumeric } from "./reference_summary.ts";
 * const summary = summariseNumeric(Float64Array.of(3, 1, NaN, 1, 2), 10);
 * if (summary.missing !== 1 || summary.cdfCounts.join() !== "2,3,4") throw new Error("wrong summary");
 * ```
 */
export function summariseNumeric(
  values: ArrayLike<number>,
  bins: number,
  maxPoints = Infinity,
): NumericSummary {
  const sorted = sortedFinite(values);
  const n = sorted.length;
  const edges = edgesOfSorted(sorted, bins);
  const binCounts: number[] = [];
  let previous = 0;
  for (const edge of edges) {
    const below = lowerBound(sorted, edge);
    binCounts.push(below - previous);
    previous = below;
  }
  binCounts.push(n - previous);
  return {
    kind: "numeric",
    rows: values.length,
    missing: values.length - n,
    bins,
    edges,
    binCounts,
    ...cdfPoints(sorted, maxPoints),
  };
}

/**
 * Summarises a categorical (or boolean) column of codes over `levels` levels.
 * @example
 * ```ts
 * import { summariseCategorical } from "./reference_summary.ts";
 * const summary = summariseCategorical(Float64Array.of(0, 1, 1, NaN), 2);
 * if (summary.counts.join() !== "1,2" || summary.missing !== 1) throw new Error("wrong counts");
 * ```
 */
export function summariseCategorical(codes: ArrayLike<number>, levels: number): CategoricalSummary {
  let missing = 0;
  for (let i = 0; i < codes.length; i++) if (!Number.isFinite(codes[i])) missing++;
  return {
    kind: "categorical",
    rows: codes.length,
    missing,
    counts: categoryCounts(codes, levels),
  };
}

/** The summary `featureDrift` compares for a feature of type `spec.type`. */
export function summariseReference(
  spec: FeatureSpec,
  values: ArrayLike<number>,
  bins: number,
  maxPoints = Infinity,
): ReferenceSummary {
  return spec.type === "numeric"
    ? summariseNumeric(values, bins, maxPoints)
    : summariseCategorical(values, levelsOf(spec).length);
}

/** The levels a categorical or boolean feature is counted over. */
export function levelsOf(spec: FeatureSpec): readonly string[] {
  return spec.type === "boolean" ? ["0", "1"] : spec.levels ?? [];
}

/** Values of `sorted` below `value`. */
function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The CDF's points: each distinct value with the count of values ≤ it; past `maxPoints`
 * distinct values, those at ranks ⌈i·n / maxPoints⌉ (and the largest), so at most
 * n / maxPoints values fall strictly between two kept points.
 */
function cdfPoints(
  sorted: Float64Array,
  maxPoints: number,
): Pick<NumericSummary, "cdfValues" | "cdfCounts" | "ksBound"> {
  const n = sorted.length;
  const values: number[] = [];
  const counts: number[] = [];
  // Ends (exclusive) of the runs of equal values; === merges -0 with 0, as KS does.
  const ends: number[] = [];
  for (let i = 0; i < n;) {
    let end = i + 1;
    while (end < n && sorted[end] === sorted[i]) end++;
    ends.push(end);
    i = end;
  }
  if (ends.length <= maxPoints) {
    let start = 0;
    for (const end of ends) {
      values.push(sorted[start]);
      counts.push(end);
      start = end;
    }
    return {
      cdfValues: Float64Array.from(values),
      cdfCounts: Float64Array.from(counts),
      ksBound: 0,
    };
  }
  let gap = 0;
  let kept = 0;
  let run = 0;
  for (let i = 1; i <= maxPoints; i++) {
    const rank = Math.min(n, Math.ceil((i * n) / maxPoints));
    // The run holding the value of that rank (1-based): the first whose end reaches it.
    while (ends[run] < rank) run++;
    const end = ends[run];
    if (end === kept) continue;
    const start = run === 0 ? 0 : ends[run - 1];
    gap = Math.max(gap, start - kept);
    values.push(sorted[start]);
    counts.push(end);
    kept = end;
  }
  return {
    cdfValues: Float64Array.from(values),
    cdfCounts: Float64Array.from(counts),
    ksBound: gap / n,
  };
}
