/**
 * Training worker: bins the features it is handed, then holds views over the shared
 * kernel memory (bins, gradients, batch, histograms) and builds its blocks of each
 * batch with its own instance of the WebAssembly group kernel.
 */
/// <reference lib="deno.worker" />
import { binFeatures } from "./binned.ts";
import {
  addGroupScalar,
  buildClaimedBlocks,
  type GroupSkips,
  type HistogramBatch,
} from "./histogram.ts";
import type { MissingGroups } from "./missing_runs.ts";
import { wasmGroupAdder } from "./group_kernel.ts";
import { type BinLayout, createBinLayout, GROUP_WIDTH } from "./layout.ts";
import { type LevelJob, runLevelBlock } from "./level.ts";
import { PARTITION_WIDTH, runPartitionTask } from "./partition.ts";

/** Messages the trainer sends to a worker. */
export type WorkerMessage =
  | {
    type: "bin";
    columns: Float64Array[];
    first: number;
    rows: number;
    buffer: SharedArrayBuffer;
    maxBin: number;
    sample: Uint32Array | undefined;
  }
  | {
    type: "init";
    /** Kernel memory: the bins from byte 0, then what the byte offsets below point at. */
    memory: WebAssembly.Memory;
    /**
     * The memory's buffer as the trainer sees it: another thread's growth may reach
     * this thread's memory.buffer late, a buffer sent along has the grown length.
     */
    buffer: SharedArrayBuffer;
    rows: number;
    features: number;
    offsets: Int32Array;
    missingBin: Int32Array;
    missing: MissingGroups;
    spareBase: number;
    gradients: number;
    index: SharedArrayBuffer;
    batchRows: number;
    batchTargets: number;
    control: SharedArrayBuffer;
  }
  | { type: "hist"; buffer: SharedArrayBuffer; start: number; length: number }
  | { type: "partition"; generation: number; tasks: Int32Array; mids: SharedArrayBuffer }
  | {
    type: "build";
    generation: number;
    count: number;
    job: Omit<LevelJob, "results">;
    results: SharedArrayBuffer;
  };

let layout: BinLayout = createBinLayout(new ArrayBuffer(0), 0, 0);
let offsets: Int32Array = new Int32Array(0);
let missingBin: Int32Array = new Int32Array(0);
let gradients: Float64Array = new Float64Array(0);
let index: Uint32Array = new Uint32Array(0);
let scratch: Uint32Array = new Uint32Array(0);
let batch: HistogramBatch = { rows: new Uint32Array(0), targets: new Int32Array(0), count: 0 };
let hist: Float64Array = new Float64Array(0);
let control: Int32Array = new Int32Array(2);
let addGroup = addGroupScalar;
let skips: GroupSkips | undefined;

self.onmessage = (event: MessageEvent<WorkerMessage>) => {
  const message = event.data;
  if (message.type === "bin") {
    const { columns, first, rows, buffer, maxBin, sample } = message;
    self.postMessage(binFeatures(columns, first, rows, buffer, maxBin, sample));
  } else if (message.type === "init") {
    const { rows } = message;
    const { buffer } = message;
    layout = createBinLayout(buffer, rows, message.features);
    offsets = message.offsets;
    missingBin = message.missingBin;
    gradients = new Float64Array(buffer, message.gradients, 2 * rows);
    index = new Uint32Array(message.index);
    scratch = new Uint32Array(rows);
    batch = {
      rows: new Uint32Array(buffer, message.batchRows, Math.max(1, rows)),
      targets: new Int32Array(buffer, message.batchTargets, Math.max(1, rows)),
      count: 0,
    };
    addGroup = wasmGroupAdder(message.memory);
    skips = { missing: message.missing, missingBin, spareBase: message.spareBase };
    control = new Int32Array(message.control);
  } else if (message.type === "hist") {
    hist = new Float64Array(message.buffer, message.start, message.length);
  } else if (message.type === "partition") {
    const { tasks } = message;
    const mids = new Int32Array(message.mids);
    buildClaimedBlocks(control, message.generation, tasks.length / PARTITION_WIDTH, (k) => {
      runPartitionTask(layout.bins, GROUP_WIDTH, index, scratch, tasks, k, mids);
    });
  } else {
    batch.count = message.count;
    const job: LevelJob = { ...message.job, results: new Float64Array(message.results) };
    const data = { layout, offsets, missingBin, gradients, batch, hist, addGroup, skips };
    buildClaimedBlocks(control, message.generation, job.blocks, (block) => {
      runLevelBlock(data, job, block);
    });
  }
};
