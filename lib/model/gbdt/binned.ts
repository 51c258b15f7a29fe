/**
 * A dataset turned into bins: every feature at the start of one shared kernel memory,
 * in groups of eight (layout.ts, kernel_memory.ts; histogram workers and the
 * WebAssembly kernel read it without copies), plus the cuts and
 * each feature's place in a histogram. Features may be binned across worker threads;
 * a feature's cuts do not depend on which thread computes them.
 */
import type { Dataset } from "../types.ts";
import type { Rng } from "../../random/mod.ts";
import { binColumn, computeCuts, sampleBinningRows } from "./binning.ts";
import {
  binBufferBytes,
  type BinLayout,
  createBinLayout,
  featureByteOffset,
  GROUP_WIDTH,
} from "./layout.ts";
import { createKernelMemory, type KernelMemory } from "./kernel_memory.ts";
import {
  findMissingGroups,
  type MissingGroups,
  orderByMissingness,
  reorderRows,
} from "./missing_runs.ts";
import type { WorkerMessage } from "./worker.ts";

/** Binned training data (see layout.ts) and the layout of its histograms. */
export interface BinnedData extends BinLayout {
  /** The bins of every feature, in groups of eight (see layout.ts), from byte 0. */
  buffer: SharedArrayBuffer;
  /** The memory `buffer` belongs to, for the gradients, batch and histograms to follow. */
  memory: KernelMemory;
  cuts: number[][];
  /** Bin of a missing value per feature (= number of value bins = cuts.length + 1). */
  missingBin: Int32Array;
  /** First histogram bin of each feature; offsets[features] is the histogram length. */
  offsets: Int32Array;
  /** Groups often entirely missing (missing_runs.ts). */
  missing: MissingGroups;
  /**
   * The original row at each binned row: rows are ordered by missingness, so every
   * per-row array of the trainer (labels, gradients, margins) follows this order.
   */
  rowOrder: Uint32Array;
}

/**
 * Computes the cuts from a seeded row sample and bins every column, sharing the
 * features out between this thread and the given workers.
 */
export async function binDataset(
  data: Dataset,
  maxBin: number,
  sampleLimit: number,
  rng: Rng,
  workers: Worker[] = [],
): Promise<BinnedData> {
  const n = data.rows;
  const featureCount = data.columns.length;
  data.columns.forEach((column, j) => {
    if (column.length !== n) {
      throw new RangeError(
        `Cannot bin feature "${
          data.features[j]?.name ?? j
        }": ${column.length} values for ${n} rows`,
      );
    }
  });
  const sample = sampleBinningRows(n, sampleLimit, rng);
  const memory = createKernelMemory(binBufferBytes(n, featureCount));
  const buffer = memory.memory.buffer as SharedArrayBuffer;
  const cuts: number[][] = new Array(featureCount);
  const threads = Math.max(1, Math.min(workers.length + 1, featureCount));
  const bounds = Array.from(
    { length: threads + 1 },
    (_, t) => Math.floor((t * featureCount) / threads),
  );
  const pending = workers.slice(0, threads - 1).map((worker, w) => {
    const first = bounds[w + 1];
    const last = bounds[w + 2];
    return new Promise<void>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<number[][]>) => {
        event.data.forEach((featureCuts, k) => (cuts[first + k] = featureCuts));
        resolve();
      };
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(`Binning worker ${w} failed: ${event.message}`));
      };
      const message: WorkerMessage = {
        type: "bin",
        columns: shareColumns(data.columns.slice(first, last), n),
        first,
        rows: n,
        buffer,
        maxBin,
        sample,
      };
      worker.postMessage(message);
    });
  });
  binFeatures(data.columns.slice(0, bounds[1]), 0, n, buffer, maxBin, sample)
    .forEach((featureCuts, j) => (cuts[j] = featureCuts));
  await Promise.all(pending);
  const missingBin = new Int32Array(featureCount);
  const offsets = new Int32Array(featureCount + 1);
  for (let j = 0; j < featureCount; j++) {
    missingBin[j] = cuts[j].length + 1;
    offsets[j + 1] = offsets[j] + cuts[j].length + 2;
  }
  const layout = createBinLayout(buffer, n, featureCount);
  const missing = findMissingGroups(layout, missingBin);
  const rowOrder = orderByMissingness(layout, missing);
  reorderRows(layout, missing.lo.length, rowOrder);
  return { ...layout, buffer, memory, cuts, missingBin, offsets, missing, rowOrder };
}

// One copy into shared memory is several times cheaper than a structured clone of
// every column (serialised on this thread, deserialised on the worker).
function shareColumns(columns: Float64Array[], rows: number): Float64Array[] {
  const shared = new SharedArrayBuffer(Math.max(8, columns.length * rows * 8));
  return columns.map((column, k) => {
    const copy = new Float64Array(shared, k * rows * 8, rows);
    copy.set(column);
    return copy;
  });
}

/** Cuts and bins columns that are features first, first + 1, … of the shared buffer. */
export function binFeatures(
  columns: Float64Array[],
  first: number,
  rows: number,
  buffer: SharedArrayBuffer,
  maxBin: number,
  sample: Uint32Array | undefined,
): number[][] {
  const bins = new Uint8Array(rows);
  const out = new Uint8Array(buffer);
  return columns.map((column, k) => {
    const featureCuts = computeCuts(column, maxBin, sample);
    binColumn(column, featureCuts, bins);
    const start = featureByteOffset(rows, first + k);
    for (let i = 0; i < rows; i++) out[start + i * GROUP_WIDTH] = bins[i];
    return featureCuts;
  });
}
