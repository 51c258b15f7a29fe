import assert from "node:assert/strict";
import { fitOutlierModel, scoreOutlierRow } from "../../../lib/model/outlier/model.ts";
import { OutlierParams } from "../../../lib/model/outlier/params.ts";
import { compileOutlierRowScorer } from "../../../lib/model/outlier/row_scorer.ts";
import { makeSyntheticDataset } from "../../../lib/model/gbdt/synthetic.ts";
import type { Dataset } from "../../../lib/model/types.ts";

const train = makeSyntheticDataset({ rows: 3000, features: 23, seed: 21, missingRate: 0.2 });
const model = fitOutlierModel(train, OutlierParams.parse({ n_trees: 41, sample_size: 200 }));

/** Ordinary rows, rows far outside the training range, all-missing rows, overflowing rows. */
function checkRows(): Dataset {
  const data = makeSyntheticDataset({ rows: 400, features: 23, seed: 22, missingRate: 0.4 });
  const columns = data.columns.map((c) => c.slice());
  for (let i = 0; i < 100; i++) for (const c of columns) c[i] = i % 2 ? 1e6 : -1e6;
  for (let i = 100; i < 150; i++) for (const c of columns) c[i] = NaN;
  for (let i = 150; i < 160; i++) columns[i % columns.length][i] = 1e300;
  return { ...data, columns };
}

Deno.test("the compiled row scorer gives scoreOutlierRow's scores, distances and flags", () => {
  const data = checkRows();
  const width = data.columns.length;
  const values = new Float64Array(data.rows * width);
  for (let i = 0; i < data.rows; i++) {
    for (let j = 0; j < width; j++) values[i * width + j] = data.columns[j][i];
  }
  const scorer = compileOutlierRowScorer(model);
  const out = new Float64Array(2);
  let flagged = 0;
  for (let i = 0; i < data.rows; i++) {
    const want = scoreOutlierRow(model, (j) => data.columns[j][i]);
    scorer.scoreInto(values, i * width, out);
    assert.equal(out[0], want.score, `row ${i}: score`);
    const d = want.distance!;
    const close = Number.isFinite(d) ? out[1] === d : !(out[1] <= model.thresholds.distance!);
    assert.ok(close, `row ${i}: distance ${out[1]} ≠ ${d}`);
    const flag = out[0] > model.thresholds.isolation || !(out[1] <= model.thresholds.distance!);
    assert.equal(flag, want.flag, `row ${i}: flag`);
    if (flag) flagged++;
  }
  assert.ok(flagged >= 100, `${flagged} rows flagged`); // the far rows at least
});

Deno.test("a model without its Mahalanobis part scores NaN distances", () => {
  const { mahalanobis: _, ...forestOnly } = model;
  const out = new Float64Array(2);
  compileOutlierRowScorer(forestOnly).scoreInto(new Float64Array(23), 0, out);
  assert.ok(out[0] > 0 && out[0] <= 1);
  assert.ok(Number.isNaN(out[1]));
});
