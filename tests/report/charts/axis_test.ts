import assert from "node:assert/strict";
import { axisLabel, scaleOptions } from "../../../lib/report/mod.ts";

Deno.test("an axis label names the quantity and its unit, % for percentages", () => {
  assert.equal(axisLabel({ label: "Age", unit: "years" }), "Age (years)");
  assert.equal(axisLabel({ label: "Recall", percent: true, unit: "ignored" }), "Recall (%)");
  assert.equal(axisLabel({ label: "PSI" }), "PSI");
});

Deno.test("a percent axis scales its fixed domain as Plot scales the data", () => {
  assert.deepEqual(scaleOptions({ label: "Recall", percent: true, domain: [0, 1] }), {
    label: "Recall (%)",
    percent: true,
    domain: [0, 100],
  });
  assert.deepEqual(scaleOptions({ label: "Lift", domain: [0, 3] }), {
    label: "Lift",
    domain: [0, 3],
  });
});
