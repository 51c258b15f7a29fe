import assert from "node:assert/strict";
import { partitionRows } from "../../../lib/model/gbdt/partition.ts";

Deno.test("a split keeps both sides' rows in ascending order", () => {
  const index = new Uint32Array([9, 0, 2, 3, 5, 6, 8, 9]);
  // Bins by row id; bin 3 is missing. Split: bin <= 1 left, missing right.
  const column = new Uint8Array([0, 9, 2, 1, 9, 3, 0, 9, 2, 9]);
  const mid = partitionRows(index, 1, 7, column, 1, 1, 3, false, new Uint32Array(8));
  assert.equal(mid, 4);
  assert.deepEqual([...index], [9, 0, 3, 6, 2, 5, 8, 9]);
});

Deno.test("a strided column reads every stride-th byte as a row's bin", () => {
  const index = new Uint32Array([0, 1, 2]);
  // Rows' bins 2, 0, 1 with stride 2 (the odd bytes belong to another feature).
  const column = new Uint8Array([2, 9, 0, 9, 1, 9]);
  const mid = partitionRows(index, 0, 3, column, 2, 0, 3, false, new Uint32Array(3));
  assert.equal(mid, 1);
  assert.deepEqual([...index], [1, 0, 2]);
});

Deno.test("missing values follow the default side", () => {
  const index = new Uint32Array([0, 1, 2]);
  const column = new Uint8Array([3, 0, 2]);
  const mid = partitionRows(index, 0, 3, column, 1, 0, 3, true, new Uint32Array(3));
  assert.equal(mid, 2);
  assert.deepEqual([...index], [0, 1, 2]);
});
