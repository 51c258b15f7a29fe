import assert from "node:assert/strict";
import type { FeatureManifest } from "../../../lib/features/manifest/mod.ts";
import {
  compileReasonIndex,
  MAX_PRINCIPAL_REASONS,
  parseReasonTable,
  principalReasons,
  readReasonTable,
  type ReasonIndex,
} from "../../../lib/governance/reasons/mod.ts";
import { treeShap } from "../../../lib/model/shap/tree_shap.ts";
import { linearShap } from "../../../lib/model/shap/linear.ts";
import { fitLogistic } from "../../../lib/model/logistic/fit.ts";
import { servingFixture } from "../../scoring/serving_fixture.ts";

const MANIFEST: FeatureManifest = {
  formatVersion: 1,
  key: "ID",
  target: "y",
  features: ["A1", "A2", "A3", "B", "C", "D", "E", "F"].map((name) => ({
    name,
    type: "numeric",
    source: "csv",
    description: name,
  })),
};

const INDEX = compileReasonIndex(
  MANIFEST,
  parseReasonTable(
    "formatVersion: 1\nreasons:\n" +
      "  - { code: RA, text: The A group, features: ['A*'] }\n" +
      "  - { code: RB, text: B alone, features: [B] }\n" +
      "  - { code: RC, text: C and D, features: [C, D] }\n",
    "reasons.yaml",
  ),
  "reasons.yaml",
);

Deno.test("a group's contribution sums its features' positive contributions only", () => {
  // A1 + A3 = 0.5 (A2 lowered the risk and is neither offset nor listed); B 0.45.
  const reasons = principalReasons(INDEX, [0.2, -0.4, 0.3, 0.45, 0, 0, 0, 0]);
  assert.deepEqual(reasons, [
    { code: "RA", text: "The A group", contribution: 0.5, features: [2, 0] },
    { code: "RB", text: "B alone", contribution: 0.45, features: [3] },
  ]);
});

Deno.test("a group whose features all lowered the risk is never a reason", () => {
  const reasons = principalReasons(INDEX, [-0.2, -0.1, 0, 0.1, -0.3, -0.5, 0, 0]);
  assert.deepEqual(reasons.map((r) => r.code), ["RB"]);
});

Deno.test("a row whose contributions are all zero or negative gets no reasons", () => {
  assert.deepEqual(principalReasons(INDEX, [-0.2, -0.1, 0, -0.1, -0.3, -0.5, -1e-9, 0]), []);
  assert.deepEqual(principalReasons(INDEX, new Float64Array(8)), []);
});

Deno.test("at most four reasons, unmapped features named by themselves, ties in table order", () => {
  const reasons = principalReasons(INDEX, [0.1, 0, 0, 0.1, 0.05, 0.05, 0.3, 0.2]);
  assert.equal(reasons.length, MAX_PRINCIPAL_REASONS);
  assert.deepEqual(
    reasons.map((r) => [r.code, r.text, r.contribution]),
    [[null, "E", 0.3], [null, "F", 0.2], ["RA", "The A group", 0.1], ["RB", "B alone", 0.1]],
  );
  assert.equal(principalReasons(INDEX, [0.1, 0, 0, 0.1, 0.05, 0.05, 0.3, 0.2], 2).length, 2);
});

Deno.test("a missing (NaN) contribution counts for nothing", () => {
  assert.deepEqual(principalReasons(INDEX, [NaN, 0, 0, 0.1, 0, 0, 0, 0]).map((r) => r.code), [
    "RB",
  ]);
});

Deno.test("a contribution vector of the wrong width is refused", () => {
  assert.throws(
    () => principalReasons(INDEX, [0.1]),
    {
      name: "RangeError",
      message: "Cannot find principal reasons: 1 contributions for 8 features",
    },
  );
});

/** The properties every row's reasons must hold, checked against its contributions. */
function checkReasons(index: ReasonIndex, shap: Float64Array): number {
  const reasons = principalReasons(index, shap);
  assert.ok(reasons.length <= MAX_PRINCIPAL_REASONS);
  for (let k = 0; k < reasons.length; k++) {
    const r = reasons[k];
    assert.ok(r.contribution > 0);
    if (k > 0) assert.ok(reasons[k - 1].contribution >= r.contribution, "sorted descending");
    assert.ok(r.features.length > 0);
    let sum = 0;
    for (const j of r.features) {
      assert.ok(shap[j] > 0, `${index.names[j]} of ${r.code} has contribution ${shap[j]}`);
      assert.equal(index.groups[index.groupOf[j]].text, r.text);
      sum += shap[j];
    }
    // The group's other features all lowered the risk or did nothing.
    const group = index.groups[index.groupOf[r.features[0]]];
    for (const j of group.members) if (!r.features.includes(j)) assert.ok(!(shap[j] > 0));
    assert.ok(Math.abs(sum - r.contribution) < 1e-12);
  }
  // No group left out contributed more than the last one given.
  const sums = new Map<number, number>();
  shap.forEach((c, j) => {
    if (c > 0) sums.set(index.groupOf[j], (sums.get(index.groupOf[j]) ?? 0) + c);
  });
  const given = new Set(reasons.map((r) => index.groupOf[r.features[0]]));
  const floor = reasons.length === 0 ? 0 : reasons[reasons.length - 1].contribution;
  for (const [g, s] of sums) if (!given.has(g)) assert.ok(s <= floor);
  assert.equal(reasons.length, Math.min(MAX_PRINCIPAL_REASONS, sums.size));
  return reasons.length;
}

function rowOf(columns: Float64Array[], i: number): Float64Array {
  return Float64Array.from(columns, (column) => column[i]);
}

Deno.test("on real rows the GBDT's TreeSHAP reasons raise the risk and are in order", async () => {
  const fixture = await servingFixture();
  const index = compileReasonIndex(
    fixture.manifest,
    await readReasonTable("reasons.yaml"),
    "reasons.yaml",
  );
  let given = 0;
  for (let i = 0; i < fixture.testData.rows; i++) {
    given += checkReasons(index, treeShap(fixture.gbdt, rowOf(fixture.testData.columns, i)).shap);
  }
  assert.ok(given > fixture.testData.rows, `only ${given} reasons over the rows`);
});

Deno.test("on real rows the logistic model's linear SHAP reasons hold the same rules", async () => {
  const fixture = await servingFixture();
  const index = compileReasonIndex(
    fixture.manifest,
    await readReasonTable("reasons.yaml"),
    "reasons.yaml",
  );
  const logistic = fitLogistic(fixture.testData, { l2: 10 });
  let given = 0;
  for (let i = 0; i < fixture.testData.rows; i++) {
    given += checkReasons(index, linearShap(logistic, rowOf(fixture.testData.columns, i)).shap);
  }
  assert.ok(given > fixture.testData.rows);
});
