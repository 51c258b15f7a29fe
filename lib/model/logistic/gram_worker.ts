/**
 * Gram worker: attaches to a design's shared memory, then claims chunks of the job
 * (gram_control.ts) each time the calling thread bumps its sequence number, until told to
 * detach (sequence −1), when it waits for the next design's memory.
 */
/// <reference lib="deno.worker" />
import { createGramKernel } from "./gram_kernel.ts";
import { runClaimedChunks } from "./gram_share.ts";
import { CONTROL, controlWords, jobWords } from "./gram_control.ts";

/** The message that attaches a worker to a design's memory. */
export interface GramAttach {
  memory: WebAssembly.Memory;
  slot: number;
}

self.onmessage = (event: MessageEvent<GramAttach>) => {
  const { memory, slot } = event.data;
  const words = controlWords(memory, slot);
  const job = jobWords(memory);
  const kernel = createGramKernel(memory);
  Atomics.store(words, CONTROL.ready, 1);
  Atomics.notify(words, CONTROL.ready);
  let seen = 0;
  for (;;) {
    Atomics.wait(words, CONTROL.sequence, seen);
    const sequence = Atomics.load(words, CONTROL.sequence);
    if (sequence < 0) return;
    seen = sequence;
    let status = sequence;
    try {
      runClaimedChunks(kernel, job);
    } catch {
      status = -sequence;
    }
    Atomics.store(words, CONTROL.done, status);
    Atomics.notify(words, CONTROL.done);
  }
};
