/**
 * Histogram slots over SharedArrayBuffers and the threads that fill them. Work is split
 * by feature: every feature's histogram is summed by one thread over the node's rows
 * in index order, so the result is bit-identical whatever the worker count.
 */
import type { BinnedData } from "./binned.ts";
import { buildHistograms, type HistogramTask } from "./histogram.ts";
import type { WorkerMessage } from "./worker.ts";

/** Histogram storage plus a build step that may fan out to workers. */
export interface HistogramPool {
  /** Takes a free slot (allocating one if needed). */
  alloc(): number;
  free(slot: number): void;
  view(slot: number): Float64Array;
  /** Builds the given features of every task's histogram. */
  build(tasks: HistogramTask[], features: Int32Array): Promise<void>;
  /** Terminates the workers. */
  close(): void;
}

/** Options for {@link createHistogramPool}. */
export interface HistogramPoolOptions {
  binned: BinnedData;
  /** Shared row index (a node is a range of it). */
  index: Uint32Array;
  /** Shared gradients in index order, interleaved grad, hess. */
  gh: Float64Array;
  /** Worker threads besides the calling thread; 0 builds everything in place. */
  workers: number;
}

/** Creates the slot store and starts the workers. */
export function createHistogramPool(options: HistogramPoolOptions): HistogramPool {
  const { binned, index, gh } = options;
  const length = binned.offsets[binned.offsets.length - 1] * 2;
  const slots: Float64Array[] = [];
  const freeSlots: number[] = [];
  const workers: Worker[] = [];
  for (let w = 0; w < options.workers; w++) {
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
    post(worker, {
      type: "init",
      bins: binned.buffer,
      rows: binned.rows,
      features: binned.bins.length,
      offsets: binned.offsets,
      index: index.buffer as SharedArrayBuffer,
      gh: gh.buffer as SharedArrayBuffer,
    });
    workers.push(worker);
  }

  function alloc(): number {
    const reused = freeSlots.pop();
    if (reused !== undefined) return reused;
    const buffer = new SharedArrayBuffer(Math.max(8, length * 8));
    const slot = slots.length;
    slots.push(new Float64Array(buffer));
    for (const worker of workers) post(worker, { type: "slot", slot, buffer });
    return slot;
  }

  async function build(tasks: HistogramTask[], features: Int32Array): Promise<void> {
    const packed = new Int32Array(tasks.length * 3);
    tasks.forEach((task, t) => packed.set([task.start, task.end, task.slot], t * 3));
    const threads = Math.min(workers.length + 1, features.length);
    const parts = splitFeatures(features, threads);
    const pending = parts.slice(1).map((part, w) =>
      new Promise<void>((resolve, reject) => {
        const worker = workers[w];
        worker.onmessage = () => resolve();
        worker.onerror = (event) => {
          event.preventDefault();
          reject(new Error(`Histogram worker ${w} failed: ${event.message}`));
        };
        post(worker, { type: "build", tasks: packed, features: part });
      })
    );
    if (parts.length > 0) {
      buildHistograms(binned.bins, binned.offsets, index, gh, packed, slots, parts[0]);
    }
    await Promise.all(pending);
  }

  return {
    alloc,
    free: (slot) => void freeSlots.push(slot),
    view: (slot) => slots[slot],
    build,
    close: () => workers.forEach((worker) => worker.terminate()),
  };
}

function post(worker: Worker, message: WorkerMessage): void {
  worker.postMessage(message);
}

/** Contiguous, near-equal feature slices, one per thread. */
function splitFeatures(features: Int32Array, threads: number): Int32Array[] {
  const parts: Int32Array[] = [];
  for (let p = 0; p < threads; p++) {
    const from = Math.floor((p * features.length) / threads);
    const to = Math.floor(((p + 1) * features.length) / threads);
    parts.push(features.subarray(from, to));
  }
  return parts;
}
