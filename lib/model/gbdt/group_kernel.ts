/**
 * The group histogram kernel (see histogram.ts) as WebAssembly, assembled here
 * from its instructions, so no binary is checked in. A bin's (grad, hess) pair is one
 * 128-bit load, f64x2.add and store: half the memory operations of the JavaScript
 * loop, which was bound by them. The sums are the same IEEE additions in the same
 * order, so histograms are bit-identical to addGroupScalar's (histogram.ts).
 */
import type { GroupAdder } from "./histogram.ts";
import { featureByteOffset, GROUP_WIDTH } from "./layout.ts";
import { MODULE_HEADER, name, section, sleb, uleb } from "../../wasm/mod.ts";
import {
  BLOCK,
  BR_IF,
  ELSE,
  END,
  F64X2_ADD,
  I32,
  I32_ADD,
  I32_AND,
  I32_CONST,
  I32_EQ,
  I32_EQZ,
  I32_LOAD,
  I32_LOAD8_U,
  I32_LT_U,
  I32_SHL,
  I32_SHR_U,
  IF,
  LOCAL_GET,
  LOCAL_SET,
  LOCAL_TEE,
  LOOP,
  V128,
  V128_LOAD,
  V128_STORE,
  VOID,
} from "../../wasm/opcodes.ts";

/**
 * Adds every batch row's (grad, hess) to the bins of the first `lanes` features of a
 * group (one function per lane count, 1..8), or of two whole groups `stride` bytes
 * apart (addPair, sixteen lanes). Addresses are bytes into the kernel
 * memory: `words` is the group's row 0, `binBases` the features' first bins within a
 * histogram (unused lanes: any value), `targets` the double index (into `hist`) of
 * each row's histogram. The skipLanes kernels add a row whose words equal
 * (missingLo, missingHi), every feature of the group missing, to one of the four
 * spare bins from byte `spare` of its histogram instead (row k's is k & 3; `rows`
 * must be 16-byte aligned). The pickLanes kernels (1..8) add to the features a column
 * sampling left of a group, any of its eight: lane i's bin is byte `b(8 + i)` of the row's
 * eight, its first bin at `b(i)`.
 */
export type AddLanes = (
  words: number,
  b0: number,
  b1: number,
  b2: number,
  b3: number,
  b4: number,
  b5: number,
  b6: number,
  b7: number,
  b8: number,
  b9: number,
  b10: number,
  b11: number,
  b12: number,
  b13: number,
  b14: number,
  b15: number,
  gradients: number,
  rows: number,
  targets: number,
  count: number,
  hist: number,
  missingLo: number,
  missingHi: number,
  spare: number,
  stride: number,
) => void;

/** The raw kernels, instantiated over a shared memory (one instance per thread). */
export function createGroupKernel(memory: WebAssembly.Memory): AddLanes[] {
  const instance = new WebAssembly.Instance(groupKernelModule(), { env: { memory } });
  return Array.from(
    { length: KERNELS },
    (_, k) => instance.exports[kernelName(k)] as AddLanes,
  );
}

/**
 * A GroupAdder running the kernel; the bins, gradients, batch and histograms it is
 * given must all be views over `memory` (kernel_memory.ts hands them out).
 */
export function wasmGroupAdder(memory: WebAssembly.Memory): GroupAdder {
  const kernels = createGroupKernel(memory);
  return function addGroupWasm(
    layout,
    offsets,
    gradients,
    batch,
    hist,
    first,
    lanes,
    skip,
    picked,
  ) {
    const lane = (i: number) => (picked === undefined ? i : picked[i]);
    const base = (i: number) => {
      if (picked !== undefined && i >= GROUP_WIDTH) {
        return i - GROUP_WIDTH < lanes ? picked[i - GROUP_WIDTH] : 0;
      }
      return i < lanes ? offsets[first + lane(i)] * 16 : 0;
    };
    const kernel = picked !== undefined
      ? kernels[PICK_KERNEL + lanes - 1]
      : lanes === PAIR_LANES
      ? kernels[2 * GROUP_WIDTH]
      : kernels[lanes - 1 + (skip ? GROUP_WIDTH : 0)];
    kernel(
      layout.words.byteOffset + featureByteOffset(layout.rows, first),
      base(0),
      base(1),
      base(2),
      base(3),
      base(4),
      base(5),
      base(6),
      base(7),
      base(8),
      base(9),
      base(10),
      base(11),
      base(12),
      base(13),
      base(14),
      base(15),
      gradients.byteOffset,
      batch.rows.byteOffset,
      batch.targets.byteOffset,
      batch.count,
      hist.byteOffset,
      skip?.lo ?? 0,
      skip?.hi ?? 0,
      (skip?.spare ?? 0) * 8,
      layout.rows * GROUP_WIDTH,
    );
  };
}

/** Largest memory the kernel module accepts, in 64 KiB pages (4 GiB). */
export const MAX_PAGES = 65536;

let compiled: WebAssembly.Module | undefined;

function groupKernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(assembleGroupKernel());
  return compiled;
}

// Parameters, then locals, in index order.
const WORDS = 0;
const BIN_BASE = 1; // sixteen of them: 1..16
const GRADIENTS = 17;
const ROWS = 18;
const TARGETS = 19;
const COUNT = 20;
const HIST = 21;
const MISSING_LO = 22;
const MISSING_HI = 23;
const SPARE = 24;
const STRIDE = 25;
const PARAMS = 26;
const END_ROW = 26;
const ROW = 27;
const T = 28;
const LO = 29;
const HI = 30;
const ADDRESS = 31;
const GH = 32;
const LO2 = 33;
const HI2 = 34;
/** Lanes of the pair kernel: two whole groups. */
export const PAIR_LANES = 2 * GROUP_WIDTH;
/** Index of pickLanes1; pickLanes2..8 follow. */
const PICK_KERNEL = 2 * GROUP_WIDTH + 1;
const KERNELS = PICK_KERNEL + GROUP_WIDTH;

/**
 * The module's bytes: addLanes1..addLanes8 over an imported shared memory env.memory.
 * Each is the loop of histogram.ts's addGroupScalar, one f64x2 add per lane.
 */
export function assembleGroupKernel(): Uint8Array<ArrayBuffer> {
  const bodies = [false, true].flatMap((skipping) =>
    Array.from({ length: GROUP_WIDTH }, (_, k) => addLanesBody(k + 1, skipping))
  );
  bodies.push(addLanesBody(PAIR_LANES, false));
  for (let lanes = 1; lanes <= GROUP_WIDTH; lanes++) bodies.push(pickLanesBody(lanes));
  const type = [0x60, ...uleb(PARAMS), ...new Array(PARAMS).fill(I32), 0];
  const memoryImport = [
    ...name("env"),
    ...name("memory"),
    0x02,
    0x03, // limits: shared, with a maximum
    ...uleb(1),
    ...uleb(MAX_PAGES),
  ];
  const exports = bodies.flatMap((_, k) => [...name(kernelName(k)), 0x00, k]);
  const code = bodies.flatMap((body) => [...uleb(body.length), ...body]);
  return Uint8Array.from([
    ...MODULE_HEADER,
    ...section(1, [1, ...type]),
    ...section(2, [1, ...memoryImport]),
    ...section(3, [bodies.length, ...bodies.map(() => 0)]),
    ...section(7, [bodies.length, ...exports]),
    ...section(10, [bodies.length, ...code]),
  ]);
}

// Function k: addLanes1..8, skipLanes1..8, addPair, then pickLanes1..8.
function kernelName(k: number): string {
  if (k >= PICK_KERNEL) return `pickLanes${k - PICK_KERNEL + 1}`;
  if (k === 2 * GROUP_WIDTH) return "addPair";
  return `${k < GROUP_WIDTH ? "add" : "skip"}Lanes${(k % GROUP_WIDTH) + 1}`;
}

function addLanesBody(lanes: number, skipping: boolean): number[] {
  const body: number[] = [
    ...rowLoopStart(),
    // lo, hi = the row's eight bins
    ...[LOCAL_GET, WORDS, LOCAL_GET, ROW, I32_CONST, 3, I32_SHL, I32_ADD, LOCAL_TEE, ADDRESS],
    ...[I32_LOAD, 2, 0, LOCAL_SET, LO, LOCAL_GET, ADDRESS, I32_LOAD, 2, 4, LOCAL_SET, HI],
  ];
  if (lanes > GROUP_WIDTH) {
    // lo2, hi2 = the next group's eight bins, `stride` bytes on
    body.push(
      ...[LOCAL_GET, ADDRESS, LOCAL_GET, STRIDE, I32_ADD, LOCAL_TEE, ADDRESS],
      ...[I32_LOAD, 2, 0, LOCAL_SET, LO2, LOCAL_GET, ADDRESS, I32_LOAD, 2, 4, LOCAL_SET, HI2],
    );
  }
  if (skipping) {
    // A row missing on the whole group adds to the spare bin at t + spare only.
    body.push(
      ...[LOCAL_GET, LO, LOCAL_GET, MISSING_LO, I32_EQ, LOCAL_GET, HI, LOCAL_GET, MISSING_HI],
      ...[I32_EQ, I32_AND, IF, VOID],
      ...[LOCAL_GET, T, LOCAL_GET, SPARE, I32_ADD],
      // Four spare bins taken in turn (row k's is k & 3), so that a run of all-missing
      // rows of one node is four chains of additions rather than one.
      ...[LOCAL_GET, ROWS, I32_CONST, 12, I32_AND, I32_CONST, 2, I32_SHL, I32_ADD],
      ...[LOCAL_TEE, ADDRESS, LOCAL_GET, ADDRESS],
      ...[...V128_LOAD, 3, 0, LOCAL_GET, GH, ...F64X2_ADD, ...V128_STORE, 3, 0],
      ELSE,
    );
  }
  for (let lane = 0; lane < lanes; lane++) {
    const word = [LO, HI, LO2, HI2][lane >> 2];
    const shift = 8 * (lane % 4);
    // Sixteen times the lane's bin: (word >>> shift) & 255, shifted left by 4.
    const binBytes = shift === 0
      ? [LOCAL_GET, word, I32_CONST, ...sleb(255), I32_AND, I32_CONST, 4, I32_SHL]
      : [LOCAL_GET, word, I32_CONST, shift - 4, I32_SHR_U, I32_CONST, ...sleb(0xff0), I32_AND];
    body.push(
      ...[LOCAL_GET, T, LOCAL_GET, BIN_BASE + lane, I32_ADD, ...binBytes, I32_ADD],
      ...[LOCAL_TEE, ADDRESS, LOCAL_GET, ADDRESS, ...V128_LOAD, 3, 0],
      ...[LOCAL_GET, GH, ...F64X2_ADD, ...V128_STORE, 3, 0],
    );
  }
  if (skipping) body.push(END);
  body.push(...rowLoopEnd());
  return body;
}

/**
 * pickLanes: addLanesBody's loop for `lanes` features anywhere in the group, each bin a
 * byte load at its lane's position in the row's eight bytes (a variable lane cannot be a
 * constant shift). The same additions in the same row order as summing each alone.
 */
function pickLanesBody(lanes: number): number[] {
  const body: number[] = [
    ...rowLoopStart(),
    // LO = the address of the row's eight bins
    ...[LOCAL_GET, WORDS, LOCAL_GET, ROW, I32_CONST, 3, I32_SHL, I32_ADD, LOCAL_SET, LO],
  ];
  for (let lane = 0; lane < lanes; lane++) {
    body.push(
      // t + b(lane) + 16 · bins[row][b(8 + lane)]
      ...[LOCAL_GET, T, LOCAL_GET, BIN_BASE + lane, I32_ADD],
      ...[LOCAL_GET, LO, LOCAL_GET, BIN_BASE + GROUP_WIDTH + lane, I32_ADD],
      ...[I32_LOAD8_U, 0, 0, I32_CONST, 4, I32_SHL, I32_ADD],
      ...[LOCAL_TEE, ADDRESS, LOCAL_GET, ADDRESS, ...V128_LOAD, 3, 0],
      ...[LOCAL_GET, GH, ...F64X2_ADD, ...V128_STORE, 3, 0],
    );
  }
  body.push(...rowLoopEnd());
  return body;
}

/**
 * The kernels' locals and the head of their loop over the batch: row, t (the row's
 * histogram) and gh (its gradient pair) set for each listed row.
 */
function rowLoopStart(): number[] {
  return [
    // locals: end_row, row, t, lo, hi, address (i32); gh (v128); lo2, hi2 (i32)
    ...[3, 6, I32, 1, V128, 2, I32],
    ...[BLOCK, VOID, LOCAL_GET, COUNT, I32_EQZ, BR_IF, 0],
    ...[LOCAL_GET, ROWS, LOCAL_GET, COUNT, I32_CONST, 2, I32_SHL, I32_ADD, LOCAL_SET, END_ROW],
    ...[LOOP, VOID],
    ...[LOCAL_GET, ROWS, I32_LOAD, 2, 0, LOCAL_SET, ROW],
    // t = hist + targets[k] * 8
    ...[LOCAL_GET, HIST, LOCAL_GET, TARGETS, I32_LOAD, 2, 0, I32_CONST, 3, I32_SHL, I32_ADD],
    ...[LOCAL_SET, T],
    // gh = gradients[row] as (grad, hess)
    ...[LOCAL_GET, GRADIENTS, LOCAL_GET, ROW, I32_CONST, 4, I32_SHL, I32_ADD],
    ...[...V128_LOAD, 3, 0, LOCAL_SET, GH],
  ];
}

/** The tail of the kernels' loop: the next listed row, until the batch ends. */
function rowLoopEnd(): number[] {
  return [
    ...[LOCAL_GET, ROWS, I32_CONST, 4, I32_ADD, LOCAL_TEE, ROWS],
    ...[LOCAL_GET, TARGETS, I32_CONST, 4, I32_ADD, LOCAL_SET, TARGETS],
    ...[LOCAL_GET, END_ROW, I32_LT_U, BR_IF, 0],
    ...[END, END, END],
  ];
}
