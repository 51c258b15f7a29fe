/**
 * The isolation forest's walk of one row as WebAssembly, assembled here from its
 * instructions (no binary checked in). The forest is flattened once, at load, into the
 * module's memory: 16 bytes a node, [4·feature + (missing goes left), threshold as
 * float32, left, right] for a split (children as byte addresses), [−1, 0, path length as
 * float64] for a leaf. A serving request walks ~100 trees whose nodes the request's other
 * work has pushed out of the cache, so a walk is a chain of dependent loads that miss:
 * four trees are walked at once, branch-free (a tree that reached its leaf stays there),
 * so that four chains of misses overlap. The comparisons are isolation_forest.ts's
 * (float32 x < threshold, a NaN following the node's side) and the path lengths are
 * added in tree order, so the sum is pathLengthOf's over the trees, to the bit.
 */
import { MODULE_HEADER, name, section, sleb, uleb } from "../../wasm/mod.ts";
import {
  BLOCK,
  BR,
  BR_IF,
  END,
  F32,
  F32_LOAD,
  F32_LT,
  F32_NE,
  F64,
  F64_ADD,
  F64_LOAD,
  I32,
  I32_ADD,
  I32_AND,
  I32_CONST,
  I32_GE_U,
  I32_LOAD,
  I32_LT_S,
  I32_SHL,
  I32_SUB,
  LOCAL_GET,
  LOCAL_SET,
  LOOP,
  SELECT,
  VOID,
} from "../../wasm/opcodes.ts";
import type { IsolationForest } from "./types.ts";

/** One forest compiled for walking a row at a time. */
export interface ForestWalk {
  /** The row's features as float32 (NaN = missing), to be filled before each walk. */
  readonly row: Float32Array;
  /** Σ over the trees, in tree order, of the current row's path length. */
  pathSum(): number;
}

/** Bytes before the row: a leaf's step reads the float below the row, and discards it. */
const ROW = 16;
const NODE_BYTES = 16;

/**
 * Flattens `forest` (features below `width`) into a WebAssembly instance of its own.
 * @example
 * ```ts
 * import { compileForestWalk } from "./forest_walk.ts";
 * const stump = {
 *   feature: [0, -1, -1], threshold: [0.5, 0, 0], missingLeft: [false, false, false],
 *   left: [1, -1, -1], right: [2, -1, -1], pathLength: [0, 1, 2],
 * };
 * const walk = compileForestWalk({ trees: [stump], sampleSize: 2 }, 1);
 * walk.row[0] = 0.7;
 * if (walk.pathSum() !== 2) throw new Error("0.7 ≥ 0.5 goes right");
 * ```
 */
export function compileForestWalk(forest: IsolationForest, width: number): ForestWalk {
  const trees = forest.trees.length;
  const roots = ROW + align16(4 * width);
  const nodesStart = roots + align16(4 * trees);
  const nodeCount = forest.trees.reduce((s, t) => s + t.feature.length, 0);
  const bytes = nodesStart + NODE_BYTES * nodeCount;
  const instance = new WebAssembly.Instance(forestWalkModule(Math.ceil(bytes / 65536)));
  const memory = instance.exports.memory as WebAssembly.Memory;
  const walk = instance.exports.walk as (
    row: number,
    roots: number,
    groupsEnd: number,
    end: number,
  ) => number;
  writeForest(memory.buffer, forest, width, roots, nodesStart);
  const row = new Float32Array(memory.buffer, ROW, width);
  const groupsEnd = roots + 16 * Math.floor(trees / 4);
  const end = roots + 4 * trees;
  return { row, pathSum: () => walk(ROW, roots, groupsEnd, end) };
}

function writeForest(
  buffer: ArrayBufferLike,
  forest: IsolationForest,
  width: number,
  roots: number,
  nodesStart: number,
): void {
  const ints = new Int32Array(buffer);
  const floats = new Float32Array(buffer);
  const doubles = new Float64Array(buffer);
  let node = nodesStart;
  forest.trees.forEach((tree, t) => {
    ints[roots / 4 + t] = node;
    const address = (n: number) => node + NODE_BYTES * n;
    for (let n = 0; n < tree.feature.length; n++) {
      const slot = address(n) / 4;
      const feature = tree.feature[n];
      if (feature < 0) {
        ints[slot] = -1;
        doubles[slot / 2 + 1] = tree.pathLength[n];
        continue;
      }
      if (feature >= width) {
        throw new RangeError(
          `Cannot compile the isolation forest: tree ${t} splits on feature ${feature}, the row has ${width}`,
        );
      }
      ints[slot] = 4 * feature + (tree.missingLeft[n] ? 1 : 0);
      floats[slot + 1] = tree.threshold[n];
      ints[slot + 2] = address(tree.left[n]);
      ints[slot + 3] = address(tree.right[n]);
    }
    node = address(tree.feature.length);
  });
}

function align16(n: number): number {
  return Math.ceil(n / 16) * 16;
}

// Parameters, then locals, in index order.
const ROW_AT = 0;
const ROOT = 1;
const GROUPS_END = 2;
const END_AT = 3;
const AT = [4, 5, 6, 7];
const CODE = [8, 9, 10, 11];
const X = 12; // f32
const SUM = 13; // f64

/**
 * The next node of the walk at local `at` (its code in local `code`): the child the row
 * goes to, or `at` itself at a leaf. Leaves read harmless words (the float below the row,
 * their own path length's bits) and select them away.
 */
function step(at: number, code: number): number[] {
  return [
    LOCAL_GET,
    at, // kept when at is a leaf
    ...[LOCAL_GET, at, I32_CONST, 12, I32_ADD], // the right child's slot
    // x = row[feature]: the code's byte offset is code & −4
    ...[LOCAL_GET, ROW_AT, LOCAL_GET, code, I32_CONST, ...sleb(-4), I32_AND, I32_ADD],
    ...[F32_LOAD, 2, 0, LOCAL_SET, X],
    // goLeft = x is NaN ? code & 1 : x < threshold
    ...[LOCAL_GET, code, I32_CONST, 1, I32_AND],
    ...[LOCAL_GET, X, LOCAL_GET, at, F32_LOAD, 2, 4, F32_LT],
    ...[LOCAL_GET, X, LOCAL_GET, X, F32_NE, SELECT],
    // the left child's slot is four bytes before the right one's
    ...[I32_CONST, 2, I32_SHL, I32_SUB, I32_LOAD, 2, 0],
    ...[LOCAL_GET, code, I32_CONST, 0, I32_LT_S, SELECT, LOCAL_SET, at],
  ];
}

/** sum += the path length of the leaf at local `at`. */
function addLeaf(at: number): number[] {
  return [LOCAL_GET, SUM, LOCAL_GET, at, F64_LOAD, 3, 8, F64_ADD, LOCAL_SET, SUM];
}

/**
 * walk(row, roots, groupsEnd, end) → Σ path lengths: the trees whose root addresses lie
 * in [roots, groupsEnd) four at a time, then those up to `end` one at a time.
 */
function walkBody(): number[] {
  const loadCode = (k: number) => [LOCAL_GET, AT[k], I32_LOAD, 2, 0, LOCAL_SET, CODE[k]];
  const loadRoot = (k: number) => [LOCAL_GET, ROOT, I32_LOAD, 2, 4 * k, LOCAL_SET, AT[k]];
  return [
    // locals: four nodes, four codes (i32), x (f32), sum (f64)
    ...[3, 8, I32, 1, F32, 1, F64],
    ...[BLOCK, VOID, LOOP, VOID], // groups of four trees
    ...[LOCAL_GET, ROOT, LOCAL_GET, GROUPS_END, I32_GE_U, BR_IF, 1],
    ...[0, 1, 2, 3].flatMap(loadRoot),
    ...[BLOCK, VOID, LOOP, VOID],
    ...[0, 1, 2, 3].flatMap(loadCode),
    // every code negative: all four at their leaves
    ...[LOCAL_GET, CODE[0], LOCAL_GET, CODE[1], I32_AND, LOCAL_GET, CODE[2], I32_AND],
    ...[LOCAL_GET, CODE[3], I32_AND, I32_CONST, 0, I32_LT_S, BR_IF, 1],
    ...[0, 1, 2, 3].flatMap((k) => step(AT[k], CODE[k])),
    ...[BR, 0, END, END],
    ...[0, 1, 2, 3].flatMap((k) => addLeaf(AT[k])),
    ...[LOCAL_GET, ROOT, I32_CONST, 16, I32_ADD, LOCAL_SET, ROOT, BR, 0, END, END],
    ...[BLOCK, VOID, LOOP, VOID], // the rest, one tree at a time
    ...[LOCAL_GET, ROOT, LOCAL_GET, END_AT, I32_GE_U, BR_IF, 1],
    ...loadRoot(0),
    ...[BLOCK, VOID, LOOP, VOID],
    ...loadCode(0),
    ...[LOCAL_GET, CODE[0], I32_CONST, 0, I32_LT_S, BR_IF, 1],
    ...step(AT[0], CODE[0]),
    ...[BR, 0, END, END],
    ...addLeaf(AT[0]),
    ...[LOCAL_GET, ROOT, I32_CONST, 4, I32_ADD, LOCAL_SET, ROOT, BR, 0, END, END],
    ...[LOCAL_GET, SUM, END],
  ];
}

/** The module's bytes: memory of `pages` pages and walk (4 × i32) → f64. */
export function assembleForestWalk(pages: number): Uint8Array<ArrayBuffer> {
  const body = walkBody();
  return Uint8Array.from([
    ...MODULE_HEADER,
    ...section(1, [1, 0x60, 4, I32, I32, I32, I32, 1, F64]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0x00, ...uleb(pages)]),
    ...section(7, [2, ...name("memory"), 0x02, 0, ...name("walk"), 0x00, 0]),
    ...section(10, [1, ...uleb(body.length), ...body]),
  ]);
}

function forestWalkModule(pages: number): WebAssembly.Module {
  return new WebAssembly.Module(assembleForestWalk(pages));
}
