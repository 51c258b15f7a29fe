/**
 * Histogram worker: holds views over the shared bins, row index, gradients and
 * histogram slots, and builds the features it is handed for a batch of nodes.
 */
/// <reference lib="deno.worker" />
import { buildHistograms } from "./histogram.ts";

/** Messages the histogram pool sends to a worker. */
export type WorkerMessage =
  | {
    type: "init";
    bins: SharedArrayBuffer;
    rows: number;
    features: number;
    offsets: Int32Array;
    index: SharedArrayBuffer;
    gh: SharedArrayBuffer;
  }
  | { type: "slot"; slot: number; buffer: SharedArrayBuffer }
  | { type: "build"; tasks: Int32Array; features: Int32Array };

let bins: Uint8Array[] = [];
let offsets: Int32Array = new Int32Array(0);
let index: Uint32Array = new Uint32Array(0);
let gh: Float64Array = new Float64Array(0);
const slots: Float64Array[] = [];

self.onmessage = (event: MessageEvent<WorkerMessage>) => {
  const message = event.data;
  if (message.type === "init") {
    bins = [];
    for (let j = 0; j < message.features; j++) {
      bins.push(new Uint8Array(message.bins, j * message.rows, message.rows));
    }
    offsets = message.offsets;
    index = new Uint32Array(message.index);
    gh = new Float64Array(message.gh);
  } else if (message.type === "slot") {
    slots[message.slot] = new Float64Array(message.buffer);
  } else {
    buildHistograms(bins, offsets, index, gh, message.tasks, slots, message.features);
    self.postMessage("done");
  }
};
