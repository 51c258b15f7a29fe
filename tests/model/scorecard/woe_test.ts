import assert from "node:assert/strict";
import { informationValue, woeOf } from "../../../lib/model/scorecard/woe.ts";
import { fitScorecard } from "../../../lib/model/scorecard/fit.ts";
import type { Dataset } from "../../../lib/model/types.ts";

Deno.test("WOE and IV of two bins match the hand computation", () => {
  // 5 bads, 10 goods: bin A 2 bads / 8 goods, bin B 3 bads / 2 goods.
  const totals = { bads: 5, goods: 10 };
  assert.equal(woeOf(2, 8, totals), Math.log(0.5));
  // 0.6 / 0.2 rounds to 3 − 4e-16 in float64.
  assert.ok(Math.abs(woeOf(3, 2, totals) - Math.log(3)) < 1e-15);
  // (0.4 − 0.8)·ln 0.5 + (0.6 − 0.2)·ln 3 = 0.4·ln 6
  assert.ok(Math.abs(informationValue([2, 3], [10, 5], totals) - 0.4 * Math.log(6)) < 1e-15);
});

Deno.test("a bin without bads gets half a count on both sides, an empty bin WOE 0", () => {
  const totals = { bads: 4, goods: 6 };
  assert.equal(woeOf(0, 3, totals), Math.log((0.5 / 4) / (3.5 / 6)));
  assert.equal(woeOf(0, 0, totals), 0);
  assert.equal(informationValue([0], [0], totals), 0);
});

// x = 1, 2, 3, 4 on 5 rows each with 1, 2, 1, 4 bads, and 4 missing rows with 2 bads:
// 10 bads and 14 goods in all. Rising WOE breaks at 2 → 3, so those two merge; the
// falling direction keeps less IV.
const fixture: Dataset = (() => {
  const x: number[] = [];
  const y: number[] = [];
  [[1, 1], [2, 2], [3, 1], [4, 4]].forEach(([value, bads]) => {
    for (let k = 0; k < 5; k++) {
      x.push(value);
      y.push(k < bads ? 1 : 0);
    }
  });
  for (let k = 0; k < 4; k++) {
    x.push(NaN);
    y.push(k < 2 ? 1 : 0);
  }
  return {
    features: [{ name: "x", type: "numeric" }],
    columns: [Float64Array.from(x)],
    rows: x.length,
    label: Float64Array.from(y),
  };
})();

Deno.test("binning the tiny fixture merges the violating pair and keeps missing apart", () => {
  const card = fitScorecard(fixture, { pre_bins: 4, min_bin_share: 0.2, min_iv: 0 });
  const binning = card.binning[0];
  const woe = (bads: number, goods: number) => Math.log((bads / 10) / (goods / 14));
  assert.deepEqual(binning.cuts, [1.5, 3.5]);
  assert.deepEqual(binning.intervalBin, [0, 1, 2]);
  assert.deepEqual(binning.count, [5, 10, 5, 4]);
  assert.deepEqual(binning.bads, [1, 3, 4, 2]);
  assert.equal(binning.direction, 1);
  assert.deepEqual(binning.woe, [woe(1, 4), woe(3, 7), woe(4, 1), woe(2, 2)]);
  const iv = (0.1 - 4 / 14) * woe(1, 4) + (0.3 - 7 / 14) * woe(3, 7) +
    (0.4 - 1 / 14) * woe(4, 1) + (0.2 - 2 / 14) * woe(2, 2);
  assert.ok(Math.abs(binning.iv - iv) < 1e-15);
});

Deno.test("categorical levels are ordered by WOE and the rare ones pooled", () => {
  // Levels a (10 rows, 1 bad), b (10 rows, 6 bads), c (10 rows, 3 bads), d (1 row, bad).
  const codes: number[] = [];
  const y: number[] = [];
  [[0, 10, 1], [1, 10, 6], [2, 10, 3], [3, 1, 1]].forEach(([code, rows, bads]) => {
    for (let k = 0; k < rows; k++) {
      codes.push(code);
      y.push(k < bads ? 1 : 0);
    }
  });
  const data: Dataset = {
    features: [{ name: "c", type: "categorical", levels: ["a", "b", "c", "d"] }],
    columns: [Float64Array.from(codes)],
    rows: codes.length,
    label: Float64Array.from(y),
  };
  const card = fitScorecard(data, { min_bin_share: 0.1, min_iv: 0 });
  const binning = card.binning[0];
  // 11 bads, 20 goods. d alone is rare (1 < 4 rows) and has no goods: WOE from
  // (1.5 / 11) / (0.5 / 20), above b's, so it sits last and merges into b, its neighbour.
  assert.deepEqual(binning.intervalBin, [0, 2, 1, 2]);
  assert.deepEqual(binning.count, [10, 10, 11, 0]);
  assert.deepEqual(binning.bads, [1, 3, 7, 0]);
  assert.deepEqual(binning.cuts, [0.5, 1.5, 2.5]);
  const woe = (bads: number, goods: number) => Math.log((bads / 11) / (goods / 20));
  assert.deepEqual(binning.woe, [woe(1, 9), woe(3, 7), woe(7, 4), 0]);
});
