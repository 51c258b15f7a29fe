import assert from "node:assert/strict";
import { curveRows } from "../../../lib/evaluation/report/curve_rows.ts";

const ramp = (n: number) => Float64Array.from({ length: n }, (_, i) => i / (n - 1));

Deno.test("long curves are thinned to the point budget, keeping both ends", () => {
  const x = ramp(1001);
  const { roc, pr } = curveRows(
    [
      {
        model: "gbdt",
        roc: { fpr: x, tpr: x, thresholds: x },
        pr: { recall: x, precision: x, thresholds: x },
      },
      {
        model: "v0001",
        roc: { fpr: ramp(3), tpr: ramp(3), thresholds: ramp(3) },
        pr: { recall: ramp(3), precision: ramp(3), thresholds: ramp(3) },
      },
    ],
    "gbdt",
    11,
  );
  const gbdt = roc.filter((r) => r.model === "GBDT (candidate)");
  assert.equal(gbdt.length, 11);
  assert.deepEqual([gbdt[0].fpr, gbdt[10].fpr], [0, 1]);
  assert.deepEqual(roc.filter((r) => r.model === "Production v0001").map((r) => r.tpr), [
    0,
    0.5,
    1,
  ]);
  assert.equal(pr.length, 14);
});

Deno.test("non-finite points are left out of the rows", () => {
  const x = Float64Array.of(0, 0.5, 1);
  const { pr } = curveRows([{
    model: "baseline",
    roc: { fpr: x, tpr: x, thresholds: x },
    pr: { recall: x, precision: Float64Array.of(NaN, 0.5, 0.2), thresholds: x },
  }], "gbdt");
  assert.deepEqual(pr, [
    { model: "Logistic baseline", recall: 0.5, precision: 0.5 },
    { model: "Logistic baseline", recall: 1, precision: 0.2 },
  ]);
});
