/**
 * Population stability index between a reference and a current sample of one numeric
 * variable, on bins cut at the reference's quantiles (so each bin holds about the same
 * share of the reference). Used by the promotion gate (score PSI against production)
 * and by drift reports.
 *
 *   PSI = Σ_b (c_b − r_b) · ln(c_b / r_b)
 *
 * with r_b, c_b the shares of the non-missing values in bin b, each floored at
 * `epsilon` so an empty bin contributes a large but finite term. Missing values are
 * left out here; the missing-rate change is its own drift metric.
 */
import { sortFloat64 } from "../../sort/mod.ts";

/** Options for {@link psi}. */
export interface PsiOptions {
  /** Number of quantile bins (fewer when the reference has few distinct values). */
  bins?: number;
  /** Floor applied to each bin share. */
  epsilon?: number;
}

/** One bin of a PSI computation, for reports. */
export interface PsiBin {
  /** Lower edge (−∞ for the first bin); values v with lower ≤ v < upper fall in the bin. */
  lower: number;
  upper: number;
  referenceShare: number;
  currentShare: number;
  /** This bin's term of the sum. */
  contribution: number;
}

/** The PSI value and the bins it was computed on. */
export interface PsiResult {
  value: number;
  bins: PsiBin[];
}

/** Edges between quantile bins of `reference`: sorted, distinct, at most bins − 1. */
export function quantileEdges(reference: ArrayLike<number>, bins: number): number[] {
  return edgesOfSorted(sortedFinite(reference), bins);
}

/** {@link quantileEdges} of values already finite and sorted ascending. */
export function edgesOfSorted(sorted: ArrayLike<number>, bins: number): number[] {
  if (sorted.length === 0) return [];
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const edge = sorted[Math.min(sorted.length - 1, Math.floor((b * sorted.length) / bins))];
    if (edge > sorted[0] && (edges.length === 0 || edge > edges[edges.length - 1])) {
      edges.push(edge);
    }
  }
  return edges;
}

/**
 * PSI of `current` against `reference`.
 * @example
 * ```ts
 * import { psi } from "./psi.ts";
 * const train = Float64Array.from({ length: 200 }, (_, i) => i / 200);
 * const live = train.map((v) => v * v);
 * // > 0.25 is commonly read as a major shift
 * if (!(psi(train, live).value > 0)) throw new Error("expected a positive PSI");
 * ```
 */
export function psi(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: PsiOptions = {},
): PsiResult {
  const edges = quantileEdges(reference, options.bins ?? 10);
  return psiOnBins(edges, binCounts(reference, edges), binCounts(current, edges), options.epsilon);
}

/**
 * PSI from the counts of finite values of both samples in the bins cut at `edges` (the
 * reference's quantile edges): what {@link psi} computes, from a reference sketch.
 * @example
 * ```ts
 * import { psiOnBins } from "./psi.ts";
 * const { value } = psiOnBins([5], [50, 50], [50, 50]);
 * if (value !== 0) throw new Error(`expected 0, got ${value}`);
 * ```
 */
export function psiOnBins(
  edges: readonly number[],
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
  epsilon = 1e-4,
): PsiResult {
  const ref = shares(referenceCounts);
  const cur = shares(currentCounts);
  const bins: PsiBin[] = ref.map((r, b) => {
    const rs = Math.max(r, epsilon);
    const cs = Math.max(cur[b], epsilon);
    return {
      lower: b === 0 ? -Infinity : edges[b - 1],
      upper: b === edges.length ? Infinity : edges[b],
      referenceShare: r,
      currentShare: cur[b],
      contribution: (cs - rs) * Math.log(cs / rs),
    };
  });
  return { value: bins.reduce((sum, bin) => sum + bin.contribution, 0), bins };
}

/** Counts of the finite values of `values` in the bins defined by `edges`. */
export function binCounts(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v < edges[mid]) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]++;
  }
  return counts;
}

function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, c) => sum + c, 0);
  return counts.map((c) => (total === 0 ? 0 : c / total));
}

/** The finite values of `values`, sorted (radix sort: V8's comparison sort is ~10× slower). */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out[k++] = values[i];
  sortFloat64(out);
  return out;
}
