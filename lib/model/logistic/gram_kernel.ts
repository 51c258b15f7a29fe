/**
 * The logistic Hessian's two heavy sums as WebAssembly SIMD, assembled here from their
 * instructions (no binary checked in), over a design stored in panels of four columns
 * (design_matrix.ts):
 *
 * - `gramBlock`: the weighted Gram matrix ZᵀWZ of a block of rows over the dense
 *   columns, a 4×4 tile at a time, each tile eight f64x2 accumulators held in registers
 *   while the block's rows stream past;
 * - `levelSums`: for each categorical, the weighted sum of the dense columns over the rows
 *   of each level (the level × dense part of the Hessian), one f64x2 add per two columns.
 *
 * Every entry is a sum over the block's rows in row order, so the result is the same
 * wherever and however often the kernel runs.
 */
import { MODULE_HEADER, name, section, uleb } from "../../wasm/mod.ts";
import {
  BR_IF,
  END,
  F64_ADD,
  F64_LOAD,
  F64_STORE,
  F64X2_ADD,
  F64X2_EXTRACT_LANE,
  F64X2_MUL,
  I32,
  I32_ADD,
  I32_CONST,
  I32_LE_U,
  I32_LOAD,
  I32_LT_U,
  I32_MUL,
  I32_SHL,
  LOCAL_GET,
  LOCAL_SET,
  LOCAL_TEE,
  LOOP,
  V128,
  V128_CONST,
  V128_LOAD,
  V128_LOAD64_SPLAT,
  V128_STORE,
  VOID,
} from "../../wasm/opcodes.ts";

/**
 * Adds Σ_r w[r]·Z[r, i]·Z[r, j] over `count` rows for every tile of panels I ≥ J, with
 * firstPanel ≤ I < endPanel, into `out`, at row 4J + k, column 4I + l (row stride
 * `outStride` bytes). Panel P of the block starts at byte `panels + P·stride` and holds
 * each row's four values contiguously; `weights` is the block's first weight (doubles).
 */
export type GramBlock = (
  panels: number,
  stride: number,
  weights: number,
  count: number,
  endPanel: number,
  out: number,
  outStride: number,
  firstPanel: number,
) => void;

/**
 * For each of `count` rows and each of its `categoricals` codes (int32, row-major from
 * byte `codes`), adds w[r]·Z[r, ·] over panels firstPanel ≤ P < endPanel to the code's
 * row of `sums` (row stride `sumStride` bytes).
 */
export type LevelSums = (
  panels: number,
  stride: number,
  weights: number,
  codes: number,
  count: number,
  endPanel: number,
  sums: number,
  sumStride: number,
  categoricals: number,
  firstPanel: number,
) => void;

/**
 * A pass over `count` rows of every panel P < panelCount: `gradient` adds
 * Σ_r vector[r]·Z[r, 4P..4P + 4] to out[4P..4P + 4]; `margins` adds Z[r, 4P..4P + 4]·
 * vector[4P..4P + 4] to out[r]. Addresses as for GramBlock.
 */
export type PanelPass = (
  panels: number,
  stride: number,
  vector: number,
  count: number,
  panelCount: number,
  out: number,
) => void;

/** The kernels, instantiated over `memory` (shared, so that worker threads can share it). */
export interface GramKernel {
  /** The memory the kernels read and write. */
  memory: WebAssembly.Memory;
  gramBlock: GramBlock;
  levelSums: LevelSums;
  gradient: PanelPass;
  margins: PanelPass;
}

/** Instantiates the kernels over `memory` (which holds the panels, weights and outputs). */
export function createGramKernel(memory: WebAssembly.Memory): GramKernel {
  const instance = new WebAssembly.Instance(gramKernelModule(), { env: { memory } });
  return {
    memory,
    gramBlock: instance.exports.gramBlock as GramBlock,
    levelSums: instance.exports.levelSums as LevelSums,
    gradient: instance.exports.gradient as PanelPass,
    margins: instance.exports.margins as PanelPass,
  };
}

/** Largest memory the kernel module accepts, in 64 KiB pages (4 GiB). */
export const MAX_PAGES = 65536;

let compiled: WebAssembly.Module | undefined;

function gramKernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(assembleGramKernel());
  return compiled;
}

/** A 16-byte load or store's memory argument: alignment 2⁴, then the offset. */
function wide(offset: number): number[] {
  return [4, ...uleb(offset)];
}

/** An 8-byte splat load's memory argument. */
function narrow(offset: number): number[] {
  return [3, ...uleb(offset)];
}

const get = (local: number) => [LOCAL_GET, local];
const set = (local: number) => [LOCAL_SET, local];
/** local += constant */
const bump = (local: number, by: number) => [LOCAL_GET, local, I32_CONST, ...uleb(by), I32_ADD];

// gramBlock's parameters, then locals.
const G_PANELS = 0;
const G_STRIDE = 1;
const G_WEIGHTS = 2;
const G_COUNT = 3;
const G_PANEL_COUNT = 4;
const G_OUT = 5;
const G_OUT_STRIDE = 6;
const G_FIRST_PANEL = 7;
const G_I = 8;
const G_J = 9;
const G_A = 10;
const G_B = 11;
const G_W = 12;
const G_END = 13;
const G_O = 14;
const G_ACC = 15; // eight of them: 15..22
const G_X0 = 23;
const G_X1 = 24;
const G_S = 25;
const G_Y = 26;

function gramBlockBody(): number[] {
  const body: number[] = [
    ...[2, 7, I32, 12, V128],
    // end = weights + count * 8
    ...get(G_WEIGHTS),
    ...[...get(G_COUNT), I32_CONST, 3, I32_SHL, I32_ADD],
    ...set(G_END),
    ...[...get(G_FIRST_PANEL), ...set(G_I)],
    ...[LOOP, VOID],
    ...[I32_CONST, 0, ...set(G_J)],
    ...[LOOP, VOID],
  ];
  for (let k = 0; k < 8; k++) body.push(...V128_CONST, ...new Array(16).fill(0), ...set(G_ACC + k));
  body.push(
    ...[...get(G_PANELS), ...get(G_I), ...get(G_STRIDE), I32_MUL, I32_ADD, ...set(G_A)],
    ...[...get(G_PANELS), ...get(G_J), ...get(G_STRIDE), I32_MUL, I32_ADD, ...set(G_B)],
    ...[...get(G_WEIGHTS), ...set(G_W)],
    ...[LOOP, VOID],
    ...[...get(G_W), ...V128_LOAD64_SPLAT, ...narrow(0), ...set(G_S)],
    ...[...get(G_A), ...V128_LOAD, ...wide(0), ...get(G_S), ...F64X2_MUL, ...set(G_X0)],
    ...[...get(G_A), ...V128_LOAD, ...wide(16), ...get(G_S), ...F64X2_MUL, ...set(G_X1)],
  );
  for (let k = 0; k < 4; k++) {
    body.push(
      ...[...get(G_B), ...V128_LOAD64_SPLAT, ...narrow(8 * k), ...set(G_Y)],
      ...[...get(G_ACC + 2 * k), ...get(G_X0), ...get(G_Y), ...F64X2_MUL, ...F64X2_ADD],
      ...set(G_ACC + 2 * k),
      ...[...get(G_ACC + 2 * k + 1), ...get(G_X1), ...get(G_Y), ...F64X2_MUL, ...F64X2_ADD],
      ...set(G_ACC + 2 * k + 1),
    );
  }
  body.push(
    ...[...bump(G_A, 32), ...set(G_A)],
    ...[...bump(G_B, 32), ...set(G_B)],
    ...[...bump(G_W, 8), LOCAL_TEE, G_W, ...get(G_END), I32_LT_U, BR_IF, 0],
    END,
    // o = out + J * 4 * outStride + I * 32
    ...get(G_OUT),
    ...[...get(G_J), I32_CONST, 2, I32_SHL, ...get(G_OUT_STRIDE), I32_MUL, I32_ADD],
    ...[...get(G_I), I32_CONST, 5, I32_SHL, I32_ADD, ...set(G_O)],
  );
  for (let k = 0; k < 4; k++) {
    for (let half = 0; half < 2; half++) {
      body.push(
        ...[...get(G_O), ...get(G_O), ...V128_LOAD, ...wide(16 * half)],
        ...[...get(G_ACC + 2 * k + half), ...F64X2_ADD, ...V128_STORE, ...wide(16 * half)],
      );
    }
    if (k < 3) body.push(...get(G_O), ...get(G_OUT_STRIDE), I32_ADD, ...set(G_O));
  }
  body.push(
    // J++ while J <= I
    ...[...bump(G_J, 1), LOCAL_TEE, G_J, ...get(G_I), I32_LE_U, BR_IF, 0],
    END,
    ...[...bump(G_I, 1), LOCAL_TEE, G_I, ...get(G_PANEL_COUNT), I32_LT_U, BR_IF, 0],
    END,
    END,
  );
  return body;
}

// levelSums's parameters, then locals.
const L_PANELS = 0;
const L_STRIDE = 1;
const L_WEIGHTS = 2;
const L_CODES = 3;
const L_COUNT = 4;
const L_PANEL_COUNT = 5;
const L_SUMS = 6;
const L_SUM_STRIDE = 7;
const L_CATEGORICALS = 8;
const L_FIRST_PANEL = 9;
const L_W = 10;
const L_END = 11;
const L_ROW = 12; // the row's first value in the first panel
const L_F = 13;
const L_P = 14;
const L_A = 15;
const L_T = 16;
const L_C = 17; // the row's codes
const L_BASE = 18; // sums + 32·P
const L_S = 19;
const L_X0 = 20;
const L_X1 = 21;

function levelSumsBody(): number[] {
  // Each row's w·Z[r, 4P..4P + 4] is computed once per panel and added to the row of
  // every one of its codes.
  const add = (offset: number, x: number) => [
    ...[...get(L_T), ...get(L_T), ...V128_LOAD, ...wide(offset), ...get(x), ...F64X2_ADD],
    ...[...V128_STORE, ...wide(offset)],
  ];
  return [
    ...[2, 9, I32, 3, V128],
    ...get(L_WEIGHTS),
    ...[...get(L_COUNT), I32_CONST, 3, I32_SHL, I32_ADD],
    ...set(L_END),
    ...[...get(L_WEIGHTS), ...set(L_W)],
    ...[...get(L_PANELS), ...get(L_FIRST_PANEL), ...get(L_STRIDE), I32_MUL, I32_ADD],
    ...set(L_ROW),
    // each row
    ...[LOOP, VOID],
    ...[...get(L_W), ...V128_LOAD64_SPLAT, ...narrow(0), ...set(L_S)],
    ...[...get(L_ROW), ...set(L_A), ...get(L_FIRST_PANEL), ...set(L_P)],
    ...[...get(L_SUMS), ...get(L_FIRST_PANEL), I32_CONST, 5, I32_SHL, I32_ADD, ...set(L_BASE)],
    // each panel: x = w · Z[row, 4P..4P + 4]
    ...[LOOP, VOID],
    ...[...get(L_A), ...V128_LOAD, ...wide(0), ...get(L_S), ...F64X2_MUL, ...set(L_X0)],
    ...[...get(L_A), ...V128_LOAD, ...wide(16), ...get(L_S), ...F64X2_MUL, ...set(L_X1)],
    ...[...get(L_CODES), ...set(L_C), I32_CONST, 0, ...set(L_F)],
    // each categorical: t = base + code · sumStride; t[0..4] += x
    ...[LOOP, VOID],
    ...[...get(L_BASE), ...get(L_C), I32_LOAD, 2, 0, ...get(L_SUM_STRIDE), I32_MUL, I32_ADD],
    ...set(L_T),
    ...add(0, L_X0),
    ...add(16, L_X1),
    ...[...bump(L_C, 4), ...set(L_C)],
    ...[...bump(L_F, 1), LOCAL_TEE, L_F, ...get(L_CATEGORICALS), I32_LT_U, BR_IF, 0],
    END,
    ...[...get(L_A), ...get(L_STRIDE), I32_ADD, ...set(L_A)],
    ...[...bump(L_BASE, 32), ...set(L_BASE)],
    ...[...bump(L_P, 1), LOCAL_TEE, L_P, ...get(L_PANEL_COUNT), I32_LT_U, BR_IF, 0],
    END,
    ...[...get(L_CODES), ...get(L_CATEGORICALS), I32_CONST, 2, I32_SHL, I32_ADD, ...set(L_CODES)],
    ...[...bump(L_ROW, 32), ...set(L_ROW)],
    ...[...bump(L_W, 8), LOCAL_TEE, L_W, ...get(L_END), I32_LT_U, BR_IF, 0],
    END,
    END,
  ];
}

// gradient's and margins' parameters, then locals.
const P_PANELS = 0;
const P_STRIDE = 1;
const P_VECTOR = 2;
const P_COUNT = 3;
const P_PANEL_COUNT = 4;
const P_OUT = 5;
const P_P = 6;
const P_A = 7;
const P_V = 8;
const P_END = 9;
const P_O = 10;
const P_ACC0 = 11;
const P_ACC1 = 12;
const P_X = 13;

function gradientBody(): number[] {
  return [
    ...[2, 5, I32, 3, V128],
    ...[I32_CONST, 0, ...set(P_P), ...get(P_PANELS), ...set(P_A)],
    ...[...get(P_VECTOR), ...get(P_COUNT), I32_CONST, 3, I32_SHL, I32_ADD, ...set(P_END)],
    ...get(P_OUT),
    ...set(P_O),
    ...[LOOP, VOID],
    ...[...V128_CONST, ...new Array(16).fill(0), ...set(P_ACC0)],
    ...[...V128_CONST, ...new Array(16).fill(0), ...set(P_ACC1)],
    ...[...get(P_PANELS), ...get(P_P), ...get(P_STRIDE), I32_MUL, I32_ADD, ...set(P_A)],
    ...[...get(P_VECTOR), ...set(P_V)],
    ...[LOOP, VOID],
    ...[...get(P_V), ...V128_LOAD64_SPLAT, ...narrow(0), ...set(P_X)],
    ...[...get(P_ACC0), ...get(P_A), ...V128_LOAD, ...wide(0), ...get(P_X), ...F64X2_MUL],
    ...[...F64X2_ADD, ...set(P_ACC0)],
    ...[...get(P_ACC1), ...get(P_A), ...V128_LOAD, ...wide(16), ...get(P_X), ...F64X2_MUL],
    ...[...F64X2_ADD, ...set(P_ACC1)],
    ...[...bump(P_A, 32), ...set(P_A)],
    ...[...bump(P_V, 8), LOCAL_TEE, P_V, ...get(P_END), I32_LT_U, BR_IF, 0],
    END,
    ...[...get(P_O), ...get(P_O), ...V128_LOAD, ...wide(0), ...get(P_ACC0), ...F64X2_ADD],
    ...[...V128_STORE, ...wide(0)],
    ...[...get(P_O), ...get(P_O), ...V128_LOAD, ...wide(16), ...get(P_ACC1), ...F64X2_ADD],
    ...[...V128_STORE, ...wide(16)],
    ...[...bump(P_O, 32), ...set(P_O)],
    ...[...bump(P_P, 1), LOCAL_TEE, P_P, ...get(P_PANEL_COUNT), I32_LT_U, BR_IF, 0],
    END,
    END,
  ];
}

function marginsBody(): number[] {
  // P_ACC0, P_ACC1: the panel's coefficients; P_X: the row's two partial sums.
  return [
    ...[2, 5, I32, 3, V128],
    ...[I32_CONST, 0, ...set(P_P)],
    ...[...get(P_OUT), ...get(P_COUNT), I32_CONST, 3, I32_SHL, I32_ADD, ...set(P_END)],
    ...[LOOP, VOID],
    ...[...get(P_VECTOR), ...get(P_P), I32_CONST, 5, I32_SHL, I32_ADD, LOCAL_TEE, P_V],
    ...[...V128_LOAD, ...wide(0), ...set(P_ACC0)],
    ...[...get(P_V), ...V128_LOAD, ...wide(16), ...set(P_ACC1)],
    ...[...get(P_PANELS), ...get(P_P), ...get(P_STRIDE), I32_MUL, I32_ADD, ...set(P_A)],
    ...[...get(P_OUT), ...set(P_O)],
    ...[LOOP, VOID],
    ...[...get(P_A), ...V128_LOAD, ...wide(0), ...get(P_ACC0), ...F64X2_MUL],
    ...[...get(P_A), ...V128_LOAD, ...wide(16), ...get(P_ACC1), ...F64X2_MUL, ...F64X2_ADD],
    ...set(P_X),
    // out[r] += x.lane0 + x.lane1
    ...[...get(P_O), ...get(P_O), F64_LOAD, 3, 0],
    ...[...get(P_X), ...F64X2_EXTRACT_LANE, 0, ...get(P_X), ...F64X2_EXTRACT_LANE, 1, F64_ADD],
    ...[F64_ADD, F64_STORE, 3, 0],
    ...[...bump(P_A, 32), ...set(P_A)],
    ...[...bump(P_O, 8), LOCAL_TEE, P_O, ...get(P_END), I32_LT_U, BR_IF, 0],
    END,
    ...[...bump(P_P, 1), LOCAL_TEE, P_P, ...get(P_PANEL_COUNT), I32_LT_U, BR_IF, 0],
    END,
    END,
  ];
}

/**
 * The module's bytes: gramBlock, levelSums, gradient and margins over an imported
 * shared memory env.memory.
 */
export function assembleGramKernel(): Uint8Array<ArrayBuffer> {
  const bodies = [gramBlockBody(), levelSumsBody(), gradientBody(), marginsBody()];
  const types = [
    [0x60, ...uleb(8), ...new Array(8).fill(I32), 0],
    [0x60, ...uleb(10), ...new Array(10).fill(I32), 0],
    [0x60, ...uleb(6), ...new Array(6).fill(I32), 0],
  ];
  const memoryImport = [
    ...name("env"),
    ...name("memory"),
    0x02,
    0x03, // limits: shared, with a maximum
    ...uleb(1),
    ...uleb(MAX_PAGES),
  ];
  const exports = [
    ...[...name("gramBlock"), 0x00, 0],
    ...[...name("levelSums"), 0x00, 1],
    ...[...name("gradient"), 0x00, 2],
    ...[...name("margins"), 0x00, 3],
  ];
  const code = bodies.flatMap((body) => [...uleb(body.length), ...body]);
  return Uint8Array.from([
    ...MODULE_HEADER,
    ...section(1, [types.length, ...types.flat()]),
    ...section(2, [1, ...memoryImport]),
    ...section(3, [bodies.length, 0, 1, 2, 2]),
    ...section(7, [bodies.length, ...exports]),
    ...section(10, [bodies.length, ...code]),
  ]);
}
