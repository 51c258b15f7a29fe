/**
 * Histogram slots in one growable SharedArrayBuffer, and the threads that fill them.
 * Threads claim blocks of features as they go (so a descheduled worker does not hold
 * the others up); each feature's histograms are summed by one thread over the batch in
 * the same order, so the result is bit-identical whatever the worker count.
 */
import type { BinnedData } from "./binned.ts";
import {
  buildClaimedBlocks,
  GENERATIONS,
  type GroupSkips,
  type HistogramBatch,
  type HistogramTask,
  openBatch,
  planBlocks,
  SPARE_WIDTH,
} from "./histogram.ts";
import { bestOfBlocks, type LevelJob, RESULT_WIDTH, runLevelBlock } from "./level.ts";
import { wasmGroupAdder } from "./group_kernel.ts";
import { extendLast, reserveFloat64, reserveInt32, reserveUint32 } from "./kernel_memory.ts";
import { GROUP_WIDTH } from "./layout.ts";
import { PARTITION_WIDTH, runPartitionTask } from "./partition.ts";
import type { SplitCandidate, SplitRules } from "./split.ts";
import type { WorkerMessage } from "./worker.ts";

/** Histogram storage plus a build step that may fan out to workers. */
export interface HistogramPool {
  /** Takes a free slot (growing the buffer if needed). */
  alloc(): number;
  free(slot: number): void;
  /** The buffer holding every slot; fetch it again after alloc, which may replace it. */
  hist(): Float64Array;
  /** First double of a slot in hist(). */
  base(slot: number): number;
  /**
   * Builds the given features of every task's histogram, derives each task's sibling
   * by subtraction, and returns the best split of every task and sibling.
   */
  build(tasks: HistogramTask[], features: Int32Array): Promise<TaskSplits[]>;
  /**
   * Partitions the index ranges of a level's splits (disjoint) across the threads;
   * returns each task's first right position.
   */
  partition(tasks: PartitionTask[]): Promise<Int32Array>;
}

/** One node's split to apply to its index range (see partitionRows). */
export interface PartitionTask {
  start: number;
  end: number;
  feature: number;
  bin: number;
  defaultLeft: boolean;
}

/** The best splits found for a task's node and, when it has one, its sibling. */
export interface TaskSplits {
  split: SplitCandidate;
  sibling?: SplitCandidate;
}

/** Options for {@link createHistogramPool}. */
export interface HistogramPoolOptions {
  binned: BinnedData;
  /** Row index (a node is a range of it, ascending), over a SharedArrayBuffer. */
  index: Uint32Array;
  /** Per-row interleaved (grad, hess), reserved in binned.memory. */
  gradients: Float64Array;
  /** Worker threads besides the calling one (see {@link startWorkers}); none builds in place. */
  workers: Worker[];
  /** Split-search settings. */
  rules: SplitRules;
}

/** Starts training workers; the caller terminates them. */
export function startWorkers(count: number): Worker[] {
  return Array.from(
    { length: count },
    () => new Worker(new URL("./worker.ts", import.meta.url), { type: "module" }),
  );
}

/** Creates the slot store and hands the workers their shared views. */
export function createHistogramPool(options: HistogramPoolOptions): HistogramPool {
  const { binned, index, gradients, rules } = options;
  const n = binned.rows;
  // Past the features' bins, spare bins per group for its all-missing rows.
  const spareBase = binned.offsets[binned.offsets.length - 1] * 2;
  const slotLength = spareBase + SPARE_WIDTH * binned.missing.lo.length;
  const skips: GroupSkips = { missing: binned.missing, missingBin: binned.missingBin, spareBase };
  const kernelMemory = binned.memory;
  const batch: HistogramBatch = {
    rows: reserveUint32(kernelMemory, Math.max(1, n)),
    targets: reserveInt32(kernelMemory, Math.max(1, n)),
    count: 0,
  };
  const mark = new Int32Array(n).fill(-1);
  const control = new Int32Array(new SharedArrayBuffer(8));
  let generation = 0;
  let failure: Error | undefined;
  let capacity = 4;
  // The histograms come last in the kernel memory, so they can grow in place.
  let hist = reserveFloat64(kernelMemory, Math.max(1, capacity * slotLength));
  const addGroup = wasmGroupAdder(kernelMemory.memory);
  let used = 0;
  const freeSlots: number[] = [];
  const { workers } = options;
  for (const worker of workers) {
    post(worker, {
      type: "init",
      memory: kernelMemory.memory,
      buffer: kernelMemory.memory.buffer as SharedArrayBuffer,
      rows: n,
      features: binned.bins.length,
      offsets: binned.offsets,
      missingBin: binned.missingBin,
      missing: binned.missing,
      spareBase,
      gradients: gradients.byteOffset,
      index: index.buffer as SharedArrayBuffer,
      batchRows: batch.rows.byteOffset,
      batchTargets: batch.targets.byteOffset,
      control: control.buffer as SharedArrayBuffer,
    });
    worker.onerror = (event) => {
      event.preventDefault();
      failure = new Error(`Histogram worker failed: ${event.message}`);
    };
    post(worker, {
      type: "hist",
      buffer: hist.buffer as SharedArrayBuffer,
      start: hist.byteOffset,
      length: hist.length,
    });
  }

  function alloc(): number {
    const reused = freeSlots.pop();
    if (reused !== undefined) return reused;
    if (used === capacity) {
      capacity *= 2;
      const start = hist.byteOffset;
      extendLast(kernelMemory, start, hist.byteLength, capacity * slotLength * 8);
      hist = new Float64Array(kernelMemory.memory.buffer, start, capacity * slotLength);
      for (const worker of workers) {
        post(worker, {
          type: "hist",
          buffer: hist.buffer as SharedArrayBuffer,
          start,
          length: hist.length,
        });
      }
    }
    return used++;
  }

  // One ascending row list for the batch when its nodes cover much of the data (so
  // columns are read nearly in order), else the nodes' ranges one after another.
  function fillBatch(tasks: HistogramTask[]): void {
    let total = 0;
    for (const task of tasks) total += task.end - task.start;
    let count = 0;
    if (tasks.length === 1 || total * 8 < n) {
      for (const task of tasks) {
        const base = task.slot * slotLength;
        for (let k = task.start; k < task.end; k++) {
          batch.rows[count] = index[k];
          batch.targets[count++] = base;
        }
      }
    } else {
      for (const task of tasks) {
        const base = task.slot * slotLength;
        for (let k = task.start; k < task.end; k++) mark[index[k]] = base;
      }
      // Branch-free: a row is in the batch at random, so a branch would mispredict often.
      // Every row is written at the cursor, which moves on only past batch rows.
      const { rows, targets } = batch;
      for (let row = 0; row < n; row++) {
        const target = mark[row];
        rows[count] = row;
        targets[count] = target;
        count += (target >>> 31) ^ 1;
        mark[row] = -1;
      }
    }
    batch.count = count;
  }

  let results = new Float64Array(new SharedArrayBuffer(8 * RESULT_WIDTH));

  async function build(tasks: HistogramTask[], features: Int32Array): Promise<TaskSplits[]> {
    if (tasks.length === 0) return [];
    fillBatch(tasks);
    const blockStarts = planBlocks(features);
    const blocks = blockStarts.length - 1;
    const needed = 2 * tasks.length * blocks * RESULT_WIDTH;
    if (results.length < needed) results = new Float64Array(new SharedArrayBuffer(needed * 16));
    const stats = new Float64Array(4 * tasks.length);
    tasks.forEach((task, t) => {
      stats[4 * t] = task.grad;
      stats[4 * t + 1] = task.hess;
      stats[4 * t + 2] = task.sibling?.grad ?? 0;
      stats[4 * t + 3] = task.sibling?.hess ?? 0;
    });
    const job: LevelJob = {
      slotBases: Int32Array.from(tasks, (task) => task.slot * slotLength),
      siblingBases: Int32Array.from(
        tasks,
        (task) => (task.sibling ? task.sibling.slot * slotLength : -1),
      ),
      stats,
      ...(rules.monotone ? { bounds: boundsOf(tasks) } : {}),
      features,
      blockStarts,
      rules: {
        lambda: rules.lambda,
        minChildWeight: rules.minChildWeight,
        ...(rules.monotone ? { monotone: rules.monotone } : {}),
      },
      blocks,
      results,
    };
    generation = (generation + 1) % GENERATIONS;
    openBatch(control, generation);
    const { results: _, ...shared } = job;
    for (const worker of workers) {
      post(worker, {
        type: "build",
        generation,
        count: batch.count,
        job: shared,
        results: results.buffer as SharedArrayBuffer,
      });
    }
    const data = {
      layout: binned,
      offsets: binned.offsets,
      missingBin: binned.missingBin,
      gradients,
      batch,
      hist,
      addGroup,
      skips,
    };
    buildClaimedBlocks(control, generation, blocks, (block) => runLevelBlock(data, job, block));
    await waitForBlocks(blocks);
    return tasks.map((task, t) => ({
      split: bestOfBlocks(results, 2 * t, blocks),
      ...(task.sibling ? { sibling: bestOfBlocks(results, 2 * t + 1, blocks) } : {}),
    }));
  }

  // Blocks briefly on the shared counter (a worker is at most one block behind), but
  // yields to the event loop now and then so a worker's error can surface.
  async function waitForBlocks(blocks: number): Promise<void> {
    for (let spins = 1;; spins++) {
      const done = Atomics.load(control, 1);
      if (done >= blocks) return;
      if (failure) throw failure;
      Atomics.wait(control, 1, done, 5);
      if (spins % 200 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  const scratch = new Uint32Array(n);
  let mids = new Int32Array(new SharedArrayBuffer(4 * 64));

  async function partition(tasks: PartitionTask[]): Promise<Int32Array> {
    // Largest first, so the last claims are the short ones.
    const order = tasks.map((_, i) => i)
      .sort((a, b) => tasks[b].end - tasks[b].start - (tasks[a].end - tasks[a].start) || a - b);
    const packed = new Int32Array(tasks.length * PARTITION_WIDTH);
    order.forEach((i, k) => {
      const task = tasks[i];
      packed.set(
        [
          task.start,
          task.end,
          task.feature,
          task.bin,
          binned.missingBin[task.feature],
          task.defaultLeft ? 1 : 0,
        ],
        k * PARTITION_WIDTH,
      );
    });
    if (mids.length < tasks.length) mids = new Int32Array(new SharedArrayBuffer(8 * tasks.length));
    const run = (k: number) =>
      runPartitionTask(binned.bins, GROUP_WIDTH, index, scratch, packed, k, mids);
    if (workers.length === 0 || tasks.length < 2) {
      for (let k = 0; k < tasks.length; k++) run(k);
    } else {
      generation = (generation + 1) % GENERATIONS;
      openBatch(control, generation);
      for (const worker of workers) {
        post(worker, {
          type: "partition",
          generation,
          tasks: packed,
          mids: mids.buffer as SharedArrayBuffer,
        });
      }
      buildClaimedBlocks(control, generation, tasks.length, run);
      await waitForBlocks(tasks.length);
    }
    const result = new Int32Array(tasks.length);
    order.forEach((i, k) => (result[i] = mids[k]));
    return result;
  }

  return {
    alloc,
    partition,
    free: (slot) => void freeSlots.push(slot),
    hist: () => hist,
    base: (slot) => slot * slotLength,
    build,
  };
}

// (lower, upper) per node, node 2t being task t and node 2t + 1 its sibling.
function boundsOf(tasks: HistogramTask[]): Float64Array {
  const bounds = new Float64Array(4 * tasks.length);
  tasks.forEach((task, t) => {
    bounds[4 * t] = task.bounds?.lower ?? -Infinity;
    bounds[4 * t + 1] = task.bounds?.upper ?? Infinity;
    bounds[4 * t + 2] = task.sibling?.bounds?.lower ?? -Infinity;
    bounds[4 * t + 3] = task.sibling?.bounds?.upper ?? Infinity;
  });
  return bounds;
}

function post(worker: Worker, message: WorkerMessage): void {
  worker.postMessage(message);
}
