/** Finding a value's bin in a feature's binning, the one rule training, scoring and ONNX share. */
import type { FeatureBinning } from "./types.ts";

/** Number of cuts at or below Math.fround(x): the value's interval (x not NaN). */
export function intervalOf(cuts: ArrayLike<number>, x: number): number {
  const fx = Math.fround(x);
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cuts[mid] <= fx) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The bin of `x` (NaN goes to the missing bin, the last one). */
export function binOf(binning: FeatureBinning, x: number): number {
  if (x !== x) return binning.count.length - 1;
  return binning.intervalBin[intervalOf(binning.cuts, x)];
}
