import assert from "node:assert/strict";
import { binBufferBytes, createBinLayout, GROUP_WIDTH } from "../../../lib/model/gbdt/layout.ts";
import {
  findMissingGroups,
  orderByMissingness,
  reorderRows,
} from "../../../lib/model/gbdt/missing_runs.ts";

// Ten features (a group of eight and a group of two) over six rows; the missing bin is 3
// for features 0..7 and 5 for features 8..9.
const missingBin = Int32Array.from({ length: 10 }, (_, f) => (f < 8 ? 3 : 5));
// Group 0 is all-missing on rows 1, 3 and 4; group 1 on row 4 only; row 5 misses one value.
const allMissing0 = [false, true, false, true, true, false];
const allMissing1 = [false, false, false, false, true, false];

function layoutOf() {
  const layout = createBinLayout(new ArrayBuffer(binBufferBytes(6, 10)), 6, 10);
  for (let i = 0; i < 6; i++) {
    for (let f = 0; f < 10; f++) {
      const missing = f < 8 ? allMissing0[i] || (i === 5 && f === 2) : allMissing1[i];
      layout.bins[f][i * GROUP_WIDTH] = missing ? missingBin[f] : (i + f) % 3;
    }
  }
  return layout;
}

Deno.test("a group's all-missing words hold every lane's missing bin", () => {
  const missing = findMissingGroups(layoutOf(), missingBin);
  assert.deepEqual([...missing.lo], [0x03030303, 0x00000505]);
  assert.deepEqual([...missing.hi], [0x03030303, 0]);
  assert.deepEqual([...missing.share], [0.5, 1 / 6]);
  assert.deepEqual([...missing.skippable], [1, 0]);
});

Deno.test("rows are ordered stably by the skippable groups' missingness", () => {
  const layout = layoutOf();
  const missing = findMissingGroups(layout, missingBin);
  const order = orderByMissingness(layout, missing);
  assert.deepEqual([...order], [0, 2, 5, 1, 3, 4]);
  const before = layout.bins.map((column) => [0, 1, 2, 3, 4, 5].map((i) => column[i * 8]));
  reorderRows(layout, 2, order);
  layout.bins.forEach((column, f) =>
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((i) => column[i * 8]),
      [...order].map((row) => before[f][row]),
    )
  );
});
