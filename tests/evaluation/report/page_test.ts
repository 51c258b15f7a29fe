import assert from "node:assert/strict";
import { renderEvaluationReport } from "../../../lib/evaluation/report/mod.ts";
import { parse, pathData } from "../../report/fixtures.ts";
import { LINEAGE, smallEvaluation } from "./fixture.ts";

const withProduction = await smallEvaluation(true);
const firstVersion = await smallEvaluation(false);

const SECTIONS = [
  "Metrics",
  "Promotion gate",
  "Comparison with production",
  "ROC and precision–recall curves",
  "Calibration",
  "Score distributions by class",
  "KS plot",
  "Gains and lift by decile",
  "Confusion by risk tier",
  "Global importance",
  "SHAP summary",
];

Deno.test("the evaluation report has every section in reading order", () => {
  const doc = parse(renderEvaluationReport(withProduction, LINEAGE));
  assert.deepEqual(doc.all("h2").map((h) => h.textContent), SECTIONS);
});

Deno.test("every figure of the evaluation report holds a chart and no path has NaN", () => {
  const doc = parse(renderEvaluationReport(withProduction, LINEAGE));
  const figures = doc.all("figure.chart");
  assert.equal(figures.length, 11);
  for (const f of figures) assert.ok(f.querySelector("svg"), f.textContent);
  for (const d of pathData(doc)) assert.equal(d.includes("NaN"), false);
});

Deno.test("the ROC chart draws a curve for the candidate, the baseline and production", () => {
  const doc = parse(renderEvaluationReport(withProduction, LINEAGE));
  const roc = doc.one("#roc-and-precision-recall-curves figure.chart");
  const lines = roc.querySelectorAll('g[aria-label="line"] path');
  assert.equal(lines.length, 4); // the diagonal and three models
  const legend = [...roc.querySelectorAll("span")].map((s: { textContent: string }) =>
    s.textContent
  );
  assert.deepEqual(legend.filter((t: string) => t.length > 0), [
    "GBDT (candidate)",
    "Logistic baseline",
    "Production v0007",
  ]);
});

Deno.test("the gate table lists each check with its status", () => {
  const doc = parse(renderEvaluationReport(firstVersion, LINEAGE));
  const rows = doc.all("#promotion-gate tbody tr").map((tr) => [
    tr.querySelector("td").textContent,
    tr.querySelector(".badge").textContent,
  ]);
  assert.deepEqual(rows, firstVersion.gate.checks.map((c) => [c.name, c.status]));
});

Deno.test("the gate table's calibration row shows the test's interval, p-value and rule", () => {
  const doc = parse(renderEvaluationReport(firstVersion, LINEAGE));
  const row = doc.all("#promotion-gate tbody tr").find((tr) =>
    tr.querySelector("td").textContent === "calibration_ece_bootstrap"
  );
  assert.ok(row, "no calibration_ece_bootstrap row");
  const cells = [...row.querySelectorAll("td")].map((td: { textContent: string }) =>
    td.textContent
  );
  assert.equal(cells[2], "p >= 0.01");
  assert.match(
    cells[4],
    /a calibrated model gives ECE \d\.\d{4}–\d\.\d{4} \(99% of 1000 seeded redraws\) on these 600 rows; p = /,
  );
  assert.match(cells[4], /fails when p < 0\.01/);
});

Deno.test("the tier table has one row per tier whose counts add up to the test rows", () => {
  const doc = parse(renderEvaluationReport(withProduction, LINEAGE));
  const rows = doc.all("#confusion-by-risk-tier tbody tr").map((tr) =>
    [...tr.querySelectorAll("td")].map((td: { textContent: string }) => td.textContent)
  );
  assert.deepEqual(rows.map((r) => r[0]), ["low", "medium", "high", "very_high"]);
  const total = rows.reduce((n, r) => n + Number(r[2].replace(/,/g, "")), 0);
  assert.equal(total, 600);
});

Deno.test("the comparison with production lists candidate, production and their difference", () => {
  const doc = parse(renderEvaluationReport(withProduction, LINEAGE));
  const header = doc.all("#comparison-with-production th").map((th) => th.textContent);
  assert.deepEqual(header, ["metric", "candidate", "v0007", "difference"]);
  const auc = doc.one("#comparison-with-production tbody tr");
  const cells = [...auc.querySelectorAll("td")].map((td: { textContent: string }) =>
    td.textContent
  );
  assert.equal(cells[0], "ROC AUC");
  assert.equal(cells[3], "0");
});

Deno.test("without production the report says the candidate is the first version", () => {
  const doc = parse(renderEvaluationReport(firstVersion, LINEAGE));
  assert.equal(
    doc.one("#comparison-with-production p.note")?.textContent,
    "There is no production version yet: this candidate is the first.",
  );
  assert.equal(doc.all("#comparison-with-production table").length, 0);
});

Deno.test("the SHAP summary has a dot per sampled row for each of the top ten features", () => {
  const doc = parse(renderEvaluationReport(withProduction, LINEAGE));
  const dots = doc.all('#shap-summary g[aria-label="dot"] circle');
  assert.equal(dots.length, 200 * 10);
});
