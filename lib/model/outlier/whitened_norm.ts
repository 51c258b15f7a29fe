/**
 * ‖z·W‖² for the upper-triangular whitening matrix W of the Mahalanobis part, with the
 * products in a small WebAssembly module using 128-bit SIMD (two float64 lanes): a
 * serving request's distance is up to p²/2 multiply-adds (~21,700 at 208 dimensions) over
 * W's ~170 KB. y = z·W is built four rows of W at a time: W is stored in panels of four
 * rows, each from the panel's first column on, the four rows' entries of two columns side
 * by side, so one pass over y adds four rows (y[c..c+2) = (((y + z[r]·W[r]) + z[r+1]·W[r+1])
 * + …), one load and one store of y for eight products, not for two). A panel whose four
 * z are zero — missing values, imputed with the centre — is skipped unread. The entries
 * below the diagonal that a panel holds are W's zeros, and y is never −0, so adding their
 * products (±0) changes nothing: for finite values the sums are mahalanobisSquared's (y[c]
 * over ascending r, then Σ y[c]² over ascending c), the same number to the bit.
 * Memory: z, then y, each padded to a multiple of four, then the panels.
 */
import { MODULE_HEADER, name, section, sleb, uleb } from "../../wasm/mod.ts";
import {
  BLOCK,
  BR,
  BR_IF,
  ELSE,
  END,
  F64_CONST,
  F64_LOAD,
  F64_NE,
  F64X2_ADD,
  F64X2_MUL,
  I32,
  I32_ADD,
  I32_CONST,
  I32_GE_U,
  I32_OR,
  I32_SHL,
  I32_SUB,
  IF,
  LOCAL_GET,
  LOCAL_SET,
  LOOP,
  V128,
  V128_LOAD,
  V128_LOAD64_SPLAT,
  V128_STORE,
  VOID,
} from "../../wasm/opcodes.ts";

/** A compiled ‖z·W‖² for one W. */
export interface WhitenedNorm {
  /** z, length `dims`, to be filled before {@link WhitenedNorm.squaredNorm}. */
  readonly z: Float64Array;
  /** ‖z·W‖² for the current z. */
  squaredNorm(): number;
}

/** Compiles ‖z·W‖² for the row-major `dims` × `dims` upper-triangular `whitening`. */
export function compileWhitenedNorm(whitening: ArrayLike<number>, dims: number): WhitenedNorm {
  const width = 4 * Math.ceil(dims / 4);
  const panels = width / 4;
  let entries = 0;
  for (let p = 0; p < panels; p++) entries += 4 * (width - 4 * p);
  const doubles = 2 * width + entries;
  const module = new WebAssembly.Module(assembleWhitenedNorm(Math.ceil((8 * doubles) / 65536)));
  const instance = new WebAssembly.Instance(module);
  const memory = instance.exports.memory as WebAssembly.Memory;
  const multiply = instance.exports.multiply as (
    z: number,
    y: number,
    w: number,
    panels: number,
  ) => void;
  const all = new Float64Array(memory.buffer, 0, doubles);
  // Panel p, column pair c (even, from 4p): W[4p + k, c..c+2) at 8·(c − 4p) + 2k.
  for (let p = 0, at = 2 * width; p < panels; p++) {
    for (let c = 4 * p; c < width; c += 2) {
      for (let k = 0; k < 4; k++) {
        const r = 4 * p + k;
        for (let l = 0; l < 2; l++) {
          const col = c + l;
          const inside = r < dims && col < dims && col >= r;
          all[at + 4 * (c - 4 * p) + 2 * k + l] = inside ? whitening[r * dims + col] : 0;
        }
      }
    }
    at += 4 * (width - 4 * p);
  }
  const z = all.subarray(0, dims);
  const y = all.subarray(width, 2 * width);
  return {
    z,
    squaredNorm() {
      y.fill(0);
      multiply(0, 8 * width, 16 * width, panels);
      let sum = 0;
      for (let c = 0; c < dims; c++) sum += y[c] * y[c];
      return sum;
    },
  };
}

// Parameters, then locals, in index order.
const Z = 0;
const Y = 1;
const WP = 2;
const PANELS = 3;
const END_Y = 4;
const YP = 5;
const P = 6;
const S = [7, 8, 9, 10]; // v128: z[4p + k] in both lanes
const ACC = 11;

/**
 * multiply(z, y, w, panels), byte addresses: for each panel p, when any of z[4p..4p+4) is
 * not 0, y[c..c+2) += Σ_k z[4p+k]·W[4p+k, c..c+2) (k ascending) for every pair c from 4p;
 * the panel's entries are skipped otherwise.
 */
function multiplyBody(): number[] {
  const zNonZero = (
    k: number,
  ) => [LOCAL_GET, Z, F64_LOAD, 3, 8 * k, F64_CONST, 0, 0, 0, 0, 0, 0, 0, 0, F64_NE];
  const addRow = (k: number) => [
    ...[LOCAL_GET, ACC, LOCAL_GET, S[k], LOCAL_GET, WP, ...V128_LOAD, 4, 16 * k],
    ...[...F64X2_MUL, ...F64X2_ADD, LOCAL_SET, ACC],
  ];
  return [
    // locals: end of y, y pointer, panel (i32); four splats and the accumulator (v128)
    ...[2, 3, I32, 5, V128],
    // end = y + 32·panels (y holds 4·panels doubles)
    ...[LOCAL_GET, Y, LOCAL_GET, PANELS, I32_CONST, 5, I32_SHL, I32_ADD, LOCAL_SET, END_Y],
    ...[BLOCK, VOID, LOOP, VOID], // panels
    ...[LOCAL_GET, P, LOCAL_GET, PANELS, I32_GE_U, BR_IF, 1],
    // yp = y + 32·p: the panel's first column
    ...[LOCAL_GET, Y, LOCAL_GET, P, I32_CONST, 5, I32_SHL, I32_ADD, LOCAL_SET, YP],
    ...zNonZero(0),
    ...zNonZero(1),
    I32_OR,
    ...zNonZero(2),
    I32_OR,
    ...zNonZero(3),
    I32_OR,
    ...[IF, VOID],
    ...[0, 1, 2, 3].flatMap((k) => [
      ...[LOCAL_GET, Z, ...V128_LOAD64_SPLAT, 3, 8 * k, LOCAL_SET, S[k]],
    ]),
    ...[BLOCK, VOID, LOOP, VOID], // column pairs
    ...[LOCAL_GET, YP, LOCAL_GET, END_Y, I32_GE_U, BR_IF, 1],
    ...[LOCAL_GET, YP, ...V128_LOAD, 4, 0, LOCAL_SET, ACC],
    ...[0, 1, 2, 3].flatMap(addRow),
    ...[LOCAL_GET, YP, LOCAL_GET, ACC, ...V128_STORE, 4, 0],
    ...[LOCAL_GET, YP, I32_CONST, 16, I32_ADD, LOCAL_SET, YP],
    ...[LOCAL_GET, WP, I32_CONST, ...sleb(64), I32_ADD, LOCAL_SET, WP],
    ...[BR, 0, END, END],
    ELSE,
    // skip the panel: 64 bytes of W for each 16 bytes of y from yp on
    ...[LOCAL_GET, WP, LOCAL_GET, END_Y, LOCAL_GET, YP, I32_SUB, I32_CONST, 2, I32_SHL, I32_ADD],
    ...[LOCAL_SET, WP],
    END,
    ...[LOCAL_GET, Z, I32_CONST, 32, I32_ADD, LOCAL_SET, Z],
    ...[LOCAL_GET, P, I32_CONST, 1, I32_ADD, LOCAL_SET, P, BR, 0, END, END],
    END,
  ];
}

/** The module's bytes: memory of `pages` pages and multiply (4 × i32) → (). */
export function assembleWhitenedNorm(pages: number): Uint8Array<ArrayBuffer> {
  const body = multiplyBody();
  return Uint8Array.from([
    ...MODULE_HEADER,
    ...section(1, [1, 0x60, 4, I32, I32, I32, I32, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0x00, ...uleb(pages)]),
    ...section(7, [2, ...name("memory"), 0x02, 0, ...name("multiply"), 0x00, 0]),
    ...section(10, [1, ...uleb(body.length), ...body]),
  ]);
}
