import assert from "node:assert/strict";
import { promoteTrials, rungRounds } from "../../lib/tune/halving.ts";

Deno.test("rungs grow by eta from min_rounds and end at the full rounds", () => {
  assert.deepEqual(rungRounds(25, 3, 600), [25, 75, 225, 600]);
  assert.deepEqual(rungRounds(10, 2, 40), [10, 20, 40]);
  assert.deepEqual(rungRounds(600, 3, 600), [600]);
});

Deno.test("min_rounds above the full rounds names both params", () => {
  assert.throws(
    () => rungRounds(700, 3, 600),
    /tune\.halving\.min_rounds 700 is above train\.gbdt\.n_rounds 600/,
  );
});

Deno.test("the top floor(n / eta) by AUC are promoted, ties to the lower trial, in trial order", () => {
  const scores = [0.70, 0.81, 0.75, 0.81, 0.60, 0.79, 0.74].map((auc, trial) => ({ trial, auc }));
  assert.deepEqual(promoteTrials(scores, 3), [1, 3]);
  assert.deepEqual(promoteTrials(scores, 2), [1, 3, 5]);
  assert.deepEqual(promoteTrials([{ trial: 4, auc: 0.7 }, { trial: 2, auc: 0.7 }], 3), [2]);
});

Deno.test("a failed trial (NaN AUC) is never promoted", () => {
  const scores = [{ trial: 0, auc: NaN }, { trial: 1, auc: 0.6 }, { trial: 2, auc: NaN }];
  assert.deepEqual(promoteTrials(scores, 3), [1]);
  assert.deepEqual(promoteTrials([{ trial: 0, auc: NaN }], 3), []);
});
