/**
 * A dataset turned into bins: one Uint8Array per feature over a single
 * SharedArrayBuffer (so histogram workers read it without copies), plus the cuts and
 * each feature's place in a histogram.
 */
import type { Dataset } from "../types.ts";
import type { Rng } from "../../random/mod.ts";
import { binColumn, computeCuts, sampleBinningRows } from "./binning.ts";

/** Binned training data and the layout of its histograms. */
export interface BinnedData {
  rows: number;
  /** Feature-major bins: feature j occupies bytes [j * rows, (j + 1) * rows). */
  buffer: SharedArrayBuffer;
  bins: Uint8Array[];
  cuts: number[][];
  /** Bin of a missing value per feature (= number of value bins = cuts.length + 1). */
  missingBin: Int32Array;
  /** First histogram bin of each feature; offsets[features] is the histogram length. */
  offsets: Int32Array;
}

/** Computes the cuts from a seeded row sample and bins every column. */
export function binDataset(
  data: Dataset,
  maxBin: number,
  sampleLimit: number,
  rng: Rng,
): BinnedData {
  const n = data.rows;
  const featureCount = data.columns.length;
  const sample = sampleBinningRows(n, sampleLimit, rng);
  const buffer = new SharedArrayBuffer(Math.max(1, featureCount * n));
  const bins: Uint8Array[] = [];
  const cuts: number[][] = [];
  const missingBin = new Int32Array(featureCount);
  const offsets = new Int32Array(featureCount + 1);
  for (let j = 0; j < featureCount; j++) {
    const column = data.columns[j];
    if (column.length !== n) {
      throw new RangeError(
        `Cannot bin feature "${
          data.features[j]?.name ?? j
        }": ${column.length} values for ${n} rows`,
      );
    }
    const featureCuts = computeCuts(column, maxBin, sample);
    const view = new Uint8Array(buffer, j * n, n);
    binColumn(column, featureCuts, view);
    bins.push(view);
    cuts.push(featureCuts);
    missingBin[j] = featureCuts.length + 1;
    offsets[j + 1] = offsets[j] + featureCuts.length + 2;
  }
  return { rows: n, buffer, bins, cuts, missingBin, offsets };
}
