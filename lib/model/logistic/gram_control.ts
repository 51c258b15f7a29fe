/**
 * The control words the calling thread and a Gram worker talk through, at the start of
 * the design's shared memory: one 64-byte slot per worker.
 */

/** Word offsets within a slot. */
export const CONTROL = {
  /** Bumped by the caller to start a share; −1 detaches the worker. */
  sequence: 0,
  /** The finished share's sequence number (negated when it failed). */
  done: 1,
  /** 1 once the worker has attached. */
  ready: 2,
  /** The share's fields (gram_share.ts SHARE_FIELDS), from here. */
  share: 3,
} as const;

/** Words per slot. */
export const SLOT_WORDS = 16;

/** Workers a design's memory has slots for. */
export const MAX_GRAM_WORKERS = 8;

/** Bytes reserved at the start of a design's memory for the slots. */
export const CONTROL_BYTES = MAX_GRAM_WORKERS * SLOT_WORDS * 4;

/** Worker `slot`'s control words in `memory`. */
export function controlWords(memory: WebAssembly.Memory, slot: number): Int32Array {
  return new Int32Array(memory.buffer, slot * SLOT_WORDS * 4, SLOT_WORDS);
}
