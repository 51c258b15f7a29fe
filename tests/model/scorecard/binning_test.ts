import assert from "node:assert/strict";
import { makeSyntheticDataset } from "../../../lib/model/gbdt/synthetic.ts";
import { binOf } from "../../../lib/model/scorecard/bin_of.ts";
import { fitScorecard } from "../../../lib/model/scorecard/fit.ts";

const rows = 6000;
const data = makeSyntheticDataset({ rows, features: 15, seed: 21 });
const card = fitScorecard(data, { min_bin_share: 0.05, min_iv: 0 });
const label = data.label!;
const totalBads = label.reduce((sum, y) => sum + y, 0);
const totalGoods = rows - totalBads;

Deno.test("numeric WOE is strictly monotone over the value bins after binning", () => {
  let checked = 0;
  card.binning.forEach((binning, j) => {
    if (data.features[j].type === "categorical") return;
    const woe = binning.woe.slice(0, -1);
    for (let b = 1; b < woe.length; b++) {
      assert.ok(
        binning.direction * (woe[b] - woe[b - 1]) > 0,
        `${data.features[j].name}: bins ${b - 1} → ${b} break direction ${binning.direction}`,
      );
    }
    if (woe.length > 2) checked++;
  });
  assert.ok(checked >= 3, `only ${checked} numeric features kept three bins or more`);
});

for (const share of [0.05, 0.12]) {
  Deno.test(`every value bin holds at least ${share} of the training rows, WOE still monotone`, () => {
    const fitted = share === 0.05 ? card : fitScorecard(data, { min_bin_share: share, min_iv: 0 });
    const least = Math.ceil(share * rows);
    fitted.binning.forEach((binning, j) => {
      const values = binning.count.slice(0, -1);
      if (values.length === 1) return;
      values.forEach((count, b) =>
        assert.ok(count >= least, `${data.features[j].name} bin ${b} holds ${count} < ${least}`)
      );
      if (data.features[j].type === "categorical") return;
      for (let b = 1; b < values.length; b++) {
        assert.ok(binning.direction * (binning.woe[b] - binning.woe[b - 1]) > 0);
      }
    });
    assert.ok(fitted.binning.some((b) => b.count.length - 1 >= 3), "some feature keeps 3 bins");
  });
}

Deno.test("bin counts, WOE and IV agree with a direct recount of the data on the final bins", () => {
  card.binning.forEach((binning, j) => {
    const bins = binning.count.length;
    const bads = new Float64Array(bins);
    const count = new Float64Array(bins);
    for (let i = 0; i < rows; i++) {
      const bin = binOf(binning, data.columns[j][i]);
      count[bin]++;
      bads[bin] += label[i];
    }
    assert.deepEqual(binning.count, Array.from(count), data.features[j].name);
    assert.deepEqual(binning.bads, Array.from(bads), data.features[j].name);
    let iv = 0;
    for (let b = 0; b < bins; b++) {
      if (count[b] === 0) continue;
      const fix = bads[b] === 0 || bads[b] === count[b] ? 0.5 : 0;
      const badShare = (bads[b] + fix) / totalBads;
      const goodShare = (count[b] - bads[b] + fix) / totalGoods;
      assert.ok(Math.abs(binning.woe[b] - Math.log(badShare / goodShare)) < 1e-12);
      iv += (badShare - goodShare) * Math.log(badShare / goodShare);
    }
    assert.ok(Math.abs(binning.iv - iv) < 1e-12, `${data.features[j].name} IV`);
  });
});

Deno.test("missing values keep their own bin, and only features with missing values fill it", () => {
  card.binning.forEach((binning, j) => {
    const missing = data.columns[j].filter((x) => Number.isNaN(x)).length;
    assert.equal(binning.count[binning.count.length - 1], missing, data.features[j].name);
  });
  assert.ok(card.binning.some((b) => b.count[b.count.length - 1] > 0));
});

Deno.test("the signal features get a high IV and the noise features a low one", () => {
  // f0 and f1 carry the label's linear terms; f8 onwards are noise.
  assert.ok(card.binning[0].iv > 0.3 && card.binning[1].iv > 0.1);
  assert.equal(card.binning[0].direction, 1);
  assert.equal(card.binning[1].direction, -1);
  for (let j = 8; j < 15; j++) assert.ok(card.binning[j].iv < 0.02, `f${j}`);
});
