/**
 * Merges adjacent pre-bins until the WOE is strictly monotone in the given direction and
 * every bin holds at least `minCount` rows. A violating pair (equal WOE included) merges
 * first, choosing the pair whose merge loses the least information value; then the
 * smallest under-filled bin merges into the neighbour with the closer WOE. Both steps
 * only merge, so the loop ends within as many steps as there are pre-bins.
 */
import { ivTermOf, type Totals, woeOf } from "./woe.ts";

/** Counts of ordered pre-bins. */
export interface BinCounts {
  bads: number[];
  goods: number[];
}

/** Merged bins: the bin of each pre-bin, and the counts of each bin. */
export interface MergedBins extends BinCounts {
  binOfPreBin: number[];
}

/** Merges `pre` (ordered) into monotone bins; `direction` +1 means WOE rising with the order. */
export function mergeMonotone(
  pre: BinCounts,
  totals: Totals,
  direction: 1 | -1,
  minCount: number,
): MergedBins {
  // first[k] is the first pre-bin of bin k.
  const first = pre.bads.map((_, k) => k);
  const bads = [...pre.bads];
  const goods = [...pre.goods];
  const merge = (k: number) => {
    bads[k] += bads[k + 1];
    goods[k] += goods[k + 1];
    bads.splice(k + 1, 1);
    goods.splice(k + 1, 1);
    first.splice(k + 1, 1);
  };
  for (let step = 0; step < pre.bads.length && bads.length > 1; step++) {
    const woe = bads.map((b, k) => woeOf(b, goods[k], totals));
    const violation = cheapestViolation(bads, goods, woe, totals, direction);
    if (violation >= 0) {
      merge(violation);
      continue;
    }
    const small = smallestUnderfilled(bads, goods, minCount);
    if (small < 0) break;
    const left = small > 0 ? Math.abs(woe[small] - woe[small - 1]) : Infinity;
    const right = small < bads.length - 1 ? Math.abs(woe[small] - woe[small + 1]) : Infinity;
    merge(left <= right ? small - 1 : small);
  }
  const binOfPreBin = pre.bads.map(() => 0);
  first.forEach((start, k) => {
    const end = k + 1 < first.length ? first[k + 1] : pre.bads.length;
    for (let p = start; p < end; p++) binOfPreBin[p] = k;
  });
  return { bads, goods, binOfPreBin };
}

/** Left index of the violating adjacent pair whose merge loses least IV, or -1. */
function cheapestViolation(
  bads: number[],
  goods: number[],
  woe: number[],
  totals: Totals,
  direction: 1 | -1,
): number {
  let best = -1;
  let bestLoss = Infinity;
  for (let k = 0; k + 1 < woe.length; k++) {
    if (direction * (woe[k + 1] - woe[k]) > 0) continue;
    const loss = ivTermOf(bads[k], goods[k], totals) + ivTermOf(bads[k + 1], goods[k + 1], totals) -
      ivTermOf(bads[k] + bads[k + 1], goods[k] + goods[k + 1], totals);
    if (loss < bestLoss) {
      bestLoss = loss;
      best = k;
    }
  }
  return best;
}

/** Index of the smallest bin holding fewer than `minCount` rows, or -1. */
function smallestUnderfilled(bads: number[], goods: number[], minCount: number): number {
  let smallest = -1;
  for (let k = 0; k < bads.length; k++) {
    const count = bads[k] + goods[k];
    if (count < minCount && (smallest < 0 || count < bads[smallest] + goods[smallest])) {
      smallest = k;
    }
  }
  return smallest;
}
