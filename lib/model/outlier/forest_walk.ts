/**
 * The isolation forest's walk of one row as WebAssembly, assembled here from its
 * instructions (no binary checked in). A serving request walks ~100 trees whose nodes the
 * request's other work has pushed out of the cache, so a walk is a chain of dependent
 * loads that miss; two things shorten it. (1) Nodes are 8 bytes and each tree is laid out
 * in 64-byte lines holding a three-level subtree (a node, its children, their children, in
 * heap order), so a root-to-leaf path of up to nine nodes touches at most three lines
 * (preorder 16-byte nodes touched ~six). (2) Eight trees are walked at once, branch-free
 * (a tree that reached its leaf stays there), so that eight chains of misses overlap.
 *
 * A split is [threshold as float32, code]: code = missing goes left (bit 0) | feature
 * (bits 1–12) | far (bit 13: the children start two adjacent lines, not two adjacent
 * slots) | (left child − this node) / 8 (bits 14–30), so code ≥ 0. A leaf is −(its path
 * length) as float64, whose upper word, where a split keeps its code, is negative. The
 * comparisons are isolation_forest.ts's (float32 x < threshold, a NaN following the
 * node's side) and the path lengths are added in tree order (sum − (−p) is sum + p
 * exactly), so the sum is pathLengthOf's over the trees, to the bit.
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
  F64_LOAD,
  F64_SUB,
  I32,
  I32_ADD,
  I32_AND,
  I32_CONST,
  I32_EQZ,
  I32_GE_U,
  I32_LOAD,
  I32_LT_S,
  I32_SHL,
  I32_SHR_U,
  LOCAL_GET,
  LOCAL_SET,
  LOOP,
  SELECT,
  VOID,
} from "../../wasm/opcodes.ts";
import type { IsolationForest, IsolationTree } from "./types.ts";

/** One forest compiled for walking a row at a time. */
export interface ForestWalk {
  /** The row's features as float32 (NaN = missing), to be filled before each walk. */
  readonly row: Float32Array;
  /** Σ over the trees, in tree order, of the current row's path length. */
  pathSum(): number;
}

const NODE_BYTES = 8;
const LINE_BYTES = 64;
/** Trees walked at once. */
const GROUP = 8;
const FEATURE_LIMIT = 1 << 12;
const DELTA_LIMIT = 1 << 17;

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
  if (width > FEATURE_LIMIT) {
    throw new RangeError(
      `Cannot compile the isolation forest: the row has ${width} features, at most ${FEATURE_LIMIT} fit a node`,
    );
  }
  const trees = forest.trees.length;
  const roots = align(4 * width, LINE_BYTES);
  const nodesStart = roots + align(4 * trees, LINE_BYTES);
  const slots = forest.trees.map(slotsOf);
  const lines = slots.reduce((s, t) => s + t.lines, 0);
  // A leaf's step reads the row at an offset its bits give (< 16 KiB), and discards it.
  const bytes = Math.max(nodesStart + LINE_BYTES * lines, 4 * FEATURE_LIMIT);
  const instance = new WebAssembly.Instance(forestWalkModule(Math.ceil(bytes / 65536)));
  const memory = instance.exports.memory as WebAssembly.Memory;
  const walk = instance.exports.walk as (
    row: number,
    roots: number,
    groupsEnd: number,
    end: number,
  ) => number;
  const view = new DataView(memory.buffer);
  let base = nodesStart;
  forest.trees.forEach((tree, t) => {
    view.setInt32(roots + 4 * t, base, true);
    writeTree(view, tree, t, width, base, slots[t].slot);
    base += LINE_BYTES * slots[t].lines;
  });
  const row = new Float32Array(memory.buffer, 0, width);
  const groupsEnd = roots + 4 * GROUP * Math.floor(trees / GROUP);
  const end = roots + 4 * trees;
  return { row, pathSum: () => walk(0, roots, groupsEnd, end) };
}

/**
 * Each node's slot (line · 8 + position) in its tree's lines: a line holds a node and two
 * levels below it in heap order (children of position s at 2s + 1 and 2s + 2); the
 * children of its third level each start a line of their own, the two lines adjacent.
 */
function slotsOf(tree: IsolationTree): { slot: Int32Array; lines: number } {
  const slot = new Int32Array(tree.feature.length).fill(-1);
  const lineRoots: number[] = [];
  const startLine = (node: number) => {
    slot[node] = 8 * lineRoots.length;
    lineRoots.push(node);
  };
  startLine(0);
  for (let l = 0; l < lineRoots.length; l++) {
    const at = new Int32Array(7).fill(-1); // node at each position of line l
    at[0] = lineRoots[l];
    for (let s = 0; s < 7; s++) {
      const node = at[s];
      if (node < 0 || tree.feature[node] < 0) continue;
      const [left, right] = [tree.left[node], tree.right[node]];
      if (s < 3) {
        [at[2 * s + 1], at[2 * s + 2]] = [left, right];
        slot[left] = 8 * l + 2 * s + 1;
        slot[right] = 8 * l + 2 * s + 2;
      } else {
        startLine(left);
        startLine(right);
      }
    }
  }
  return { slot, lines: lineRoots.length };
}

function writeTree(
  view: DataView,
  tree: IsolationTree,
  t: number,
  width: number,
  base: number,
  slot: Int32Array,
): void {
  const address = (n: number) => base + NODE_BYTES * slot[n];
  for (let n = 0; n < tree.feature.length; n++) {
    const at = address(n);
    const feature = tree.feature[n];
    if (feature < 0) {
      view.setFloat64(at, -tree.pathLength[n], true);
      continue;
    }
    if (feature >= width) {
      throw new RangeError(
        `Cannot compile the isolation forest: tree ${t} splits on feature ${feature}, the row has ${width}`,
      );
    }
    const delta = (address(tree.left[n]) - at) / NODE_BYTES;
    if (delta >= DELTA_LIMIT) {
      throw new RangeError(
        `Cannot compile the isolation forest: tree ${t} spans more than ${DELTA_LIMIT} nodes`,
      );
    }
    const far = address(tree.right[n]) - address(tree.left[n]) === LINE_BYTES ? 1 : 0;
    view.setFloat32(at, tree.threshold[n], true);
    view.setInt32(
      at + 4,
      (tree.missingLeft[n] ? 1 : 0) | feature << 1 | far << 13 | delta << 14,
      true,
    );
  }
}

function align(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

// Parameters, then locals, in index order.
const ROW_AT = 0;
const ROOT = 1;
const GROUPS_END = 2;
const END_AT = 3;
const AT = Array.from({ length: GROUP }, (_, k) => 4 + k);
const CODE = Array.from({ length: GROUP }, (_, k) => 4 + GROUP + k);
const X = 4 + 2 * GROUP; // f32
const SUM = X + 1; // f64

/**
 * The next node of the walk at local `at` (its code in local `code`): the child the row
 * goes to, or `at` itself at a leaf. Leaves read harmless words (the row at an offset
 * their bits give, their own path length's bits) and select them away.
 */
function step(at: number, code: number): number[] {
  return [
    LOCAL_GET,
    at, // kept when at is a leaf
    // the left child: at + 8 · (code >>> 14)
    ...[LOCAL_GET, at, LOCAL_GET, code, I32_CONST, 14, I32_SHR_U, I32_CONST, 3, I32_SHL, I32_ADD],
    // x = row[feature]: the feature's byte offset is (code & 0x1ffe) << 1
    ...[LOCAL_GET, ROW_AT, LOCAL_GET, code, I32_CONST, ...sleb(0x1ffe), I32_AND],
    ...[I32_CONST, 1, I32_SHL, I32_ADD, F32_LOAD, 2, 0, LOCAL_SET, X],
    // goRight = !(x is NaN ? code & 1 : x < threshold)
    ...[LOCAL_GET, code, I32_CONST, 1, I32_AND],
    ...[LOCAL_GET, X, LOCAL_GET, at, F32_LOAD, 2, 0, F32_LT],
    ...[LOCAL_GET, X, LOCAL_GET, X, F32_NE, SELECT, I32_EQZ],
    // the right child is one slot (8 bytes) or, when far, one line (64) after the left
    ...[I32_CONST, 3, LOCAL_GET, code, I32_CONST, 13, I32_SHR_U, I32_CONST, 1, I32_AND, I32_SHL],
    ...[I32_SHL, I32_ADD],
    ...[LOCAL_GET, code, I32_CONST, 0, I32_LT_S, SELECT, LOCAL_SET, at],
  ];
}

/** sum += the path length of the leaf at local `at` (stored negated). */
function addLeaf(at: number): number[] {
  return [LOCAL_GET, SUM, LOCAL_GET, at, F64_LOAD, 3, 0, F64_SUB, LOCAL_SET, SUM];
}

/**
 * walk(row, roots, groupsEnd, end) → Σ path lengths: the trees whose root addresses lie
 * in [roots, groupsEnd) eight at a time, then those up to `end` one at a time.
 */
function walkBody(): number[] {
  const all = Array.from({ length: GROUP }, (_, k) => k);
  const loadCode = (k: number) => [LOCAL_GET, AT[k], I32_LOAD, 2, 4, LOCAL_SET, CODE[k]];
  const loadRoot = (k: number) => [LOCAL_GET, ROOT, I32_LOAD, 2, 4 * k, LOCAL_SET, AT[k]];
  return [
    // locals: the nodes and codes (i32), x (f32), sum (f64)
    ...[3, 2 * GROUP, I32, 1, F32, 1, F64],
    ...[BLOCK, VOID, LOOP, VOID], // groups of trees
    ...[LOCAL_GET, ROOT, LOCAL_GET, GROUPS_END, I32_GE_U, BR_IF, 1],
    ...all.flatMap(loadRoot),
    ...[BLOCK, VOID, LOOP, VOID],
    ...all.flatMap(loadCode),
    // every code negative: all at their leaves
    LOCAL_GET,
    CODE[0],
    ...all.slice(1).flatMap((k) => [LOCAL_GET, CODE[k], I32_AND]),
    ...[I32_CONST, 0, I32_LT_S, BR_IF, 1],
    ...all.flatMap((k) => step(AT[k], CODE[k])),
    ...[BR, 0, END, END],
    ...all.flatMap((k) => addLeaf(AT[k])),
    ...[LOCAL_GET, ROOT, I32_CONST, 4 * GROUP, I32_ADD, LOCAL_SET, ROOT, BR, 0, END, END],
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
