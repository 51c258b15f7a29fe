import assert from "node:assert/strict";
import { buildDesign, startGramWorkers, stopGramWorkers } from "../../../lib/model/logistic/mod.ts";
import {
  buildDesignMatrix,
  createDesignMatrix,
} from "../../../lib/model/logistic/design_matrix.ts";
import { referenceDataset } from "./reference_fixture.ts";

// Enough rows for the stats to be split across workers.
const data = referenceDataset(20_100, 9);
const expected = createDesignMatrix(data, buildDesign(data));

for (const count of [0, 2]) {
  Deno.test(`the design built in the panels with ${count} workers equals buildDesign's`, () => {
    const workers = startGramWorkers(count);
    try {
      const matrix = buildDesignMatrix(data, workers);
      assert.deepEqual(matrix.design, expected.design);
      assert.deepEqual(matrix.panels, expected.panels);
      assert.deepEqual(matrix.codes, expected.codes);
    } finally {
      stopGramWorkers(workers);
    }
  });
}
