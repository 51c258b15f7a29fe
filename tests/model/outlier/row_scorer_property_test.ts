import assert from "node:assert/strict";
import fc from "fast-check";
import { fitOutlierModel, scoreOutlierRow } from "../../../lib/model/outlier/model.ts";
import { OutlierParams } from "../../../lib/model/outlier/params.ts";
import { compileOutlierRowScorer } from "../../../lib/model/outlier/row_scorer.ts";
import { compileForestWalk } from "../../../lib/model/outlier/forest_walk.ts";
import { pathLengthOf } from "../../../lib/model/outlier/isolation_forest.ts";
import { makeSyntheticDataset } from "../../../lib/model/gbdt/synthetic.ts";

const WIDTH = 23;
const train = makeSyntheticDataset({ rows: 3000, features: WIDTH, seed: 41, missingRate: 0.2 });
// 43 trees of depth up to 8: five groups of eight and three walked alone, paths across three lines.
const model = fitOutlierModel(train, OutlierParams.parse({ n_trees: 43, sample_size: 200 }));
const thresholds = model.forest.trees.flatMap((t) =>
  t.threshold.filter((_, n) => t.feature[n] >= 0)
);

/** A feature value: missing, a split threshold (or its float64 neighbours), any double. */
const value = fc.oneof(
  fc.constant(NaN),
  fc.constantFrom(...thresholds),
  fc.constantFrom(...thresholds).map((t) => t * (1 + 2 ** -40)),
  fc.double({ min: -5, max: 5, noNaN: true }),
  fc.double({ noNaN: true }),
);
const row = fc.array(value, { minLength: WIDTH, maxLength: WIDTH });
/** Rows with whole runs of missing values, as the Home Credit building features have. */
const sparseRow = fc.tuple(row, fc.nat(WIDTH), fc.nat(WIDTH)).map(([r, a, b]) =>
  r.map((x, j) => (j >= Math.min(a, b) && j < Math.max(a, b) ? NaN : x))
);

Deno.test("the WebAssembly forest walk sums pathLengthOf's path lengths, to the bit", () => {
  const walk = compileForestWalk(model.forest, WIDTH);
  fc.assert(
    fc.property(fc.oneof(row, sparseRow), (values) => {
      walk.row.set(values);
      let want = 0;
      for (const tree of model.forest.trees) want += pathLengthOf(tree, (j) => values[j]);
      assert.equal(walk.pathSum(), want);
    }),
    { seed: 7, numRuns: 2000 },
  );
});

Deno.test("the row scorer gives scoreOutlierRow's score and distance to the bit on random rows", () => {
  const scorer = compileOutlierRowScorer(model);
  const out = new Float64Array(2);
  const limit = model.thresholds.distance!;
  fc.assert(
    fc.property(fc.oneof(row, sparseRow), fc.nat(3), (values, offset) => {
      const padded = new Float64Array(offset + WIDTH).fill(-7);
      padded.set(values, offset);
      scorer.scoreInto(padded, offset, out);
      const want = scoreOutlierRow(model, (j) => values[j]);
      assert.equal(out[0], want.score);
      // A value past float32's range makes both distances non-finite, and the row far.
      if (Number.isFinite(want.distance!)) assert.equal(out[1], want.distance);
      else assert.ok(!Number.isFinite(out[1]) && !(out[1] <= limit));
    }),
    { seed: 8, numRuns: 2000 },
  );
});

Deno.test("a forest that splits on a feature past the row's width is refused", () => {
  assert.throws(() => compileForestWalk(model.forest, 1), RangeError);
});
