/**
 * The PSI of lib/drift/stats `psi` computed from sorted copies of the finite values: the
 * validation report takes the CSI of every feature over both splits (260 columns of 246k
 * and 61k rows at Kaggle scale), where a binary search per value was most of the stage.
 * Same edges, counts and sum order (psiOnBins), so the same numbers bit for bit
 * (tests/evaluation/validation/sorted_psi_test.ts).
 */
import {
  edgesOfSorted,
  psiOnBins,
  type PsiOptions,
  type PsiResult,
  sortedFinite,
} from "../../drift/stats/mod.ts";

export { sortedFinite };

/**
 * `psi(reference, current, options)`, from sorted finite values.
 * @example
 * ```ts
 * import { sortedPsi } from "./sorted_psi.ts";
 * const train = Float64Array.from({ length: 200 }, (_, i) => i / 200);
 * const { value, bins } = sortedPsi(train, train);
 * if (value !== 0 || bins.length !== 10) throw new Error(`got ${value}, ${bins.length} bins`);
 * ```
 */
export function sortedPsi(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: PsiOptions = {},
): PsiResult {
  const ref = sortedFinite(reference);
  const edges = edgesOfSorted(ref, options.bins ?? 10);
  return psiOnBins(
    edges,
    countsOfSorted(ref, edges),
    countsOfSorted(sortedFinite(current), edges),
    options.epsilon,
  );
}

/**
 * Bin counts of sorted finite values: bin b holds edges[b−1] ≤ v < edges[b], so its count
 * is the difference of the values below each edge (one bisection per edge, not per value).
 */
function countsOfSorted(sorted: Float64Array, edges: readonly number[]): number[] {
  const counts: number[] = [];
  let below = 0;
  for (let b = 0; b <= edges.length; b++) {
    const upTo = b === edges.length ? sorted.length : countBelow(sorted, edges[b]);
    counts.push(upTo - below);
    below = upTo;
  }
  return counts;
}

/** How many of the sorted values are < `edge` (a lower bound by bisection). */
function countBelow(sorted: Float64Array, edge: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < edge) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
