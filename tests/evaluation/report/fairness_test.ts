import assert from "node:assert/strict";
import { type Evaluation, fairnessReport } from "../../../lib/evaluation/mod.ts";
import { renderEvaluationReport } from "../../../lib/evaluation/report/mod.ts";
import { parse, pathData } from "../../report/fixtures.ts";
import { LINEAGE, smallEvaluation } from "./fixture.ts";

const base = await smallEvaluation(false);
// The hand-computed fixture of tests/evaluation/fairness_test.ts: M's ratios are 0.5 and 2/3.
const fairness = fairnessReport(
  Float64Array.of(0.05, 0.08, 0.2, 0.4, 0.5, 0.02, 0.25, 0.35, 0.6, 0.7, 0.5),
  Float64Array.of(0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0),
  [{
    spec: { name: "CODE_GENDER", type: "categorical", levels: ["F", "M"] },
    values: Float64Array.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, NaN),
    inModel: false,
  }],
  { tiers: { names: ["low", "medium", "high"], thresholds: [0.1, 0.3] }, minGroupRows: 5 },
);
const evaluation: Evaluation = { ...base, fairness };

Deno.test("the fairness section follows the tiers only when protected attributes were evaluated", () => {
  const titles = (e: Evaluation) =>
    parse(renderEvaluationReport(e, LINEAGE)).all("h2").map((h) => h.textContent);
  assert.equal(titles(base).includes("Fairness"), false);
  const withFairness = titles(evaluation);
  assert.equal(
    withFairness.indexOf("Fairness"),
    withFairness.indexOf("Confusion by risk tier") + 1,
  );
});

Deno.test("the fairness chart draws one AIR bar per group and cut-off with the four-fifths line", () => {
  const doc = parse(renderEvaluationReport(evaluation, LINEAGE));
  const chart = doc.one("#fairness figure.chart");
  assert.ok(chart?.querySelector("svg"), "no chart");
  assert.equal(chart.querySelectorAll('g[aria-label="bar"] rect').length, 3 * 2);
  const rules = [...chart.querySelectorAll('g[aria-label="rule"]')];
  assert.equal(rules.length, 3); // zero, 0.8 and 1
  const legend = [...chart.querySelectorAll("span")].map((s: { textContent: string }) =>
    s.textContent
  ).filter((t: string) => t.length > 0);
  assert.deepEqual(legend, ["≤ low (p < 0.1)", "≤ medium (p < 0.3)"]);
  for (const d of pathData(doc)) assert.equal(d.includes("NaN"), false);
});

Deno.test("the fairness table lists each group with its AUC and flags ratios below 0.8", () => {
  const doc = parse(renderEvaluationReport(evaluation, LINEAGE));
  const header = doc.all("#fairness thead th").map((th) => th.textContent);
  assert.deepEqual(header, [
    "group",
    "rows",
    "defaults",
    "AUC",
    "judged",
    "approved ≤ low (p < 0.1)",
    "AIR ≤ low (p < 0.1)",
    "approved ≤ medium (p < 0.3)",
    "AIR ≤ medium (p < 0.3)",
  ]);
  const rows = doc.all("#fairness tbody tr").map((tr) =>
    [...tr.querySelectorAll("td")].map((td: { textContent: string }) => td.textContent)
  );
  assert.deepEqual(rows, [
    ["F", "5", "2", "0.8333", "yes", "0.4", "1.000", "0.6", "1.000"],
    ["M", "5", "2", "0.6667", "yes", "0.2", "0.500 < 0.8", "0.4", "0.667 < 0.8"],
    ["(missing)", "1", "0", "–", "no (too few rows)", "0", "0.000", "0", "0.000"],
  ]);
  const flagged = doc.all("#fairness tbody tr.fail").map((tr) =>
    tr.querySelector("td").textContent
  );
  assert.deepEqual(flagged, ["M"]);
  assert.equal(doc.all("#fairness .badge.alert").length, 2);
});
