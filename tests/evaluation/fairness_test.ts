import assert from "node:assert/strict";
import {
  fairnessReport,
  MAX_GROUPS,
  MISSING_GROUP,
  type ProtectedColumn,
} from "../../lib/evaluation/fairness.ts";
import type { TierSpec } from "../../lib/tiers/mod.ts";

const TIERS: TierSpec = { names: ["low", "medium", "high"], thresholds: [0.1, 0.3] };
// F: 0.05 0.08 0.2 0.4 0.5 · M: 0.02 0.25 0.35 0.6 0.7 · one row without a value.
const SCORES = Float64Array.of(0.05, 0.08, 0.2, 0.4, 0.5, 0.02, 0.25, 0.35, 0.6, 0.7, 0.5);
const LABELS = Float64Array.of(0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0);
const GENDER: ProtectedColumn = {
  spec: { name: "CODE_GENDER", type: "categorical", levels: ["F", "M"] },
  values: Float64Array.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, NaN),
  inModel: false,
};

Deno.test("adverse impact ratios at each cut-off and AUC per group are exact", () => {
  const report = fairnessReport(SCORES, LABELS, [GENDER], { tiers: TIERS, minGroupRows: 5 });
  assert.deepEqual(report.cutoffs, [
    { approveUpTo: "low", threshold: 0.1 },
    { approveUpTo: "medium", threshold: 0.3 },
  ]);
  const [gender] = report.attributes;
  assert.equal(gender.inModel, false);
  assert.deepEqual(gender.referenceGroup, ["F", "F"]);
  const byGroup = Object.fromEntries(gender.groups.map((g) => [g.group, g]));
  assert.deepEqual(Object.keys(byGroup), ["F", "M", MISSING_GROUP]);
  // F approves 2/5 below 0.1 and 3/5 below 0.3; M 1/5 and 2/5.
  assert.deepEqual(byGroup.F.approvalRate, [0.4, 0.6]);
  assert.deepEqual(byGroup.M.approvalRate, [0.2, 0.4]);
  assert.deepEqual(byGroup.F.adverseImpactRatio, [1, 1]);
  assert.deepEqual(byGroup.M.adverseImpactRatio, [0.2 / 0.4, 0.4 / 0.6]);
  // F: positives 0.2 and 0.5 beat 2 and 3 of the negatives 0.05, 0.08, 0.4 → 5/6.
  assert.equal(byGroup.F.auc, 5 / 6);
  // M: positives 0.35 and 0.6 each beat 0.02 and 0.25, not 0.7 → 4/6.
  assert.equal(byGroup.M.auc, 4 / 6);
  assert.deepEqual([byGroup.F.rows, byGroup.F.positives, byGroup.M.positives], [5, 2, 2]);
});

Deno.test("the four-fifths screen flags judged ratios below 0.8 and never a small group", () => {
  const report = fairnessReport(SCORES, LABELS, [GENDER], { tiers: TIERS, minGroupRows: 5 });
  const groups = report.attributes[0].groups;
  assert.deepEqual(groups.map((g) => [g.group, g.judged, g.flagged]), [
    ["F", true, [false, false]],
    ["M", true, [true, true]],
    [MISSING_GROUP, false, [false, false]],
  ]);
  // The one-row group is reported: approved nowhere, a ratio of 0, no AUC, not judged.
  assert.deepEqual(groups[2].adverseImpactRatio, [0, 0]);
  assert.equal(groups[2].auc, null);
  assert.deepEqual(report.lowest, {
    value: 0.5,
    attribute: "CODE_GENDER",
    group: "M",
    cutoff: { approveUpTo: "low", threshold: 0.1 },
  });
});

Deno.test("a ratio of exactly 0.8 passes the four-fifths screen", () => {
  // A approves 5/5 below 0.1, B 4/5 (0.8), C 3/5 (0.6).
  const scores = Float64Array.of(...[0, 0, 0, 0, 0], ...[0, 0, 0, 0, 0.5], ...[0, 0, 0, 0.5, 0.5]);
  const values = Float64Array.from(scores, (_, i) => Math.floor(i / 5));
  const labels = Float64Array.from(scores, (_, i) => i % 2);
  const report = fairnessReport(scores, labels, [{
    spec: { name: "g", type: "categorical", levels: ["A", "B", "C"] },
    values,
    inModel: true,
  }], { tiers: { names: ["approve", "decline"], thresholds: [0.1] }, minGroupRows: 5 });
  const groups = report.attributes[0].groups;
  assert.deepEqual(groups.map((g) => g.adverseImpactRatio[0]), [1, 0.8, 0.6]);
  assert.deepEqual(groups.map((g) => g.flagged[0]), [false, false, true]);
});

Deno.test("with every group under the minimum count nothing is judged or flagged", () => {
  const report = fairnessReport(SCORES, LABELS, [GENDER], { tiers: TIERS, minGroupRows: 6 });
  const [gender] = report.attributes;
  assert.deepEqual(gender.referenceGroup, [null, null]);
  assert.ok(gender.groups.every((g) => !g.judged && g.adverseImpactRatio.every((r) => r === null)));
  assert.equal(report.lowest, null);
  assert.equal(gender.groups[0].auc, 5 / 6); // still reported
});

Deno.test("boolean groups are labelled by their value and a numeric column of many values is refused", () => {
  const flag: ProtectedColumn = {
    spec: { name: "FLAG", type: "boolean" },
    values: Float64Array.from(SCORES, (_, i) => i % 2),
    inModel: true,
  };
  const report = fairnessReport(SCORES, LABELS, [flag], { tiers: TIERS, minGroupRows: 1 });
  assert.deepEqual(report.attributes[0].groups.map((g) => g.group), ["0", "1"]);
  const many = Float64Array.from({ length: MAX_GROUPS + 1 }, (_, i) => i);
  assert.throws(
    () =>
      fairnessReport(many.map(() => 0.5), many.map((_, i) => i % 2), [{
        spec: { name: "income", type: "numeric" },
        values: many,
        inModel: true,
      }], { tiers: TIERS, minGroupRows: 1 }),
    /Cannot compute fairness of "income": 51 distinct values, more than 50 groups/,
  );
});
