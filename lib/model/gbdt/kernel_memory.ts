/**
 * One shared WebAssembly memory for everything the histogram kernel reads (the bins,
 * gradients, batch and histograms; group_kernel.ts), handed out front to back. Growing
 * a shared memory never moves it, so views made before a growth stay valid on every
 * thread.
 */
import { MAX_PAGES } from "./group_kernel.ts";

/** The memory and the first byte not yet handed out. */
export interface KernelMemory {
  memory: WebAssembly.Memory;
  end: number;
}

const PAGE = 65536;
// The kernel loads (grad, hess) pairs as 16-byte vectors.
const ALIGN = 16;

/** A memory whose first `bytes` bytes are handed out already (to the caller's bins). */
export function createKernelMemory(bytes: number): KernelMemory {
  const memory = new WebAssembly.Memory({
    initial: Math.max(1, Math.ceil(bytes / PAGE)),
    maximum: MAX_PAGES,
    shared: true,
  });
  return { memory, end: bytes };
}

/** Hands out `bytes` bytes (zeroed, 16-byte aligned); returns their first byte. */
export function reserve(kernelMemory: KernelMemory, bytes: number): number {
  const start = Math.ceil(kernelMemory.end / ALIGN) * ALIGN;
  growTo(kernelMemory, start + bytes);
  return start;
}

/** Grows the last reservation, `start` and `bytes` long, to `newBytes`, in place. */
export function extendLast(
  kernelMemory: KernelMemory,
  start: number,
  bytes: number,
  newBytes: number,
): void {
  if (start + bytes !== kernelMemory.end || newBytes < bytes) {
    throw new RangeError(`Cannot extend kernel memory at ${start}: it is not the last reservation`);
  }
  growTo(kernelMemory, start + newBytes);
}

/** A Float64Array view of `length` doubles, newly reserved. */
export function reserveFloat64(kernelMemory: KernelMemory, length: number): Float64Array {
  const start = reserve(kernelMemory, length * 8);
  return new Float64Array(kernelMemory.memory.buffer, start, length);
}

/** A Uint32Array view of `length` words, newly reserved. */
export function reserveUint32(kernelMemory: KernelMemory, length: number): Uint32Array {
  const start = reserve(kernelMemory, length * 4);
  return new Uint32Array(kernelMemory.memory.buffer, start, length);
}

/** An Int32Array view of `length` words, newly reserved. */
export function reserveInt32(kernelMemory: KernelMemory, length: number): Int32Array {
  const start = reserve(kernelMemory, length * 4);
  return new Int32Array(kernelMemory.memory.buffer, start, length);
}

function growTo(kernelMemory: KernelMemory, end: number): void {
  const { memory } = kernelMemory;
  const pages = Math.ceil(end / PAGE);
  const have = memory.buffer.byteLength / PAGE;
  if (pages > MAX_PAGES) {
    throw new RangeError(`Cannot grow kernel memory to ${end} bytes: the limit is 4 GiB`);
  }
  if (pages > have) memory.grow(pages - have);
  kernelMemory.end = Math.max(kernelMemory.end, end);
}
