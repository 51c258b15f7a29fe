/** Finding a value's bin in a feature's binning, the one rule training, scoring and ONNX share. */
import type { FeatureBinning } from "./types.ts";
import { binOf as cutsBinOf } from "../gbdt/binning.ts";

/**
 * Number of cuts at or below Math.fround(x): the value's interval (x not NaN). The GBDT's
 * own rule, since the pre-bins are its float32 cuts.
 */
export function intervalOf(cuts: ArrayLike<number>, x: number): number {
  return cutsBinOf(cuts, x);
}

/** The bin of `x` (NaN goes to the missing bin, the last one). */
export function binOf(binning: FeatureBinning, x: number): number {
  if (x !== x) return binning.count.length - 1;
  return binning.intervalBin[intervalOf(binning.cuts, x)];
}
