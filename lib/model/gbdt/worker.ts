/**
 * Training worker: bins the features it is handed, then holds views over the shared
 * bins, gradients, batch and histogram buffer and builds its features for each batch.
 */
/// <reference lib="deno.worker" />
import { binFeatures } from "./binned.ts";
import { buildClaimedBlocks, type HistogramBatch } from "./histogram.ts";
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
    bins: SharedArrayBuffer;
    rows: number;
    features: number;
    offsets: Int32Array;
    missingBin: Int32Array;
    gradients: SharedArrayBuffer;
    index: SharedArrayBuffer;
    batchRows: SharedArrayBuffer;
    batchTargets: SharedArrayBuffer;
    control: SharedArrayBuffer;
  }
  | { type: "hist"; buffer: SharedArrayBuffer }
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

self.onmessage = (event: MessageEvent<WorkerMessage>) => {
  const message = event.data;
  if (message.type === "bin") {
    const { columns, first, rows, buffer, maxBin, sample } = message;
    self.postMessage(binFeatures(columns, first, rows, buffer, maxBin, sample));
  } else if (message.type === "init") {
    layout = createBinLayout(message.bins, message.rows, message.features);
    offsets = message.offsets;
    missingBin = message.missingBin;
    gradients = new Float64Array(message.gradients);
    index = new Uint32Array(message.index);
    scratch = new Uint32Array(message.rows);
    batch = {
      rows: new Uint32Array(message.batchRows),
      targets: new Int32Array(message.batchTargets),
      count: 0,
    };
    control = new Int32Array(message.control);
  } else if (message.type === "hist") {
    hist = new Float64Array(message.buffer);
  } else if (message.type === "partition") {
    const { tasks } = message;
    const mids = new Int32Array(message.mids);
    buildClaimedBlocks(control, message.generation, tasks.length / PARTITION_WIDTH, (k) => {
      runPartitionTask(layout.bins, GROUP_WIDTH, index, scratch, tasks, k, mids);
    });
  } else {
    batch.count = message.count;
    const job: LevelJob = { ...message.job, results: new Float64Array(message.results) };
    const data = { layout, offsets, missingBin, gradients, batch, hist };
    buildClaimedBlocks(control, message.generation, job.blocks, (block) => {
      runLevelBlock(data, job, block);
    });
  }
};
