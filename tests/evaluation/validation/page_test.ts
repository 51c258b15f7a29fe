import assert from "node:assert/strict";
import {
  renderValidationReport,
  validateCandidate,
  type ValidationReport,
} from "../../../lib/evaluation/validation/mod.ts";
import { fitScorecard } from "../../../lib/model/scorecard/mod.ts";
import { axisLabels, parse, pathData } from "../../report/fixtures.ts";
import { LINEAGE } from "../report/fixture.ts";
import { validationFixture } from "./fixture.ts";

const fixture = await validationFixture("logistic");
const report = validateCandidate(fixture);
const page = renderValidationReport(report, LINEAGE);

/** The section headings (h2 directly under a section; chart titles are h2 inside figures). */
function sections(markup: string): string[] {
  return parse(markup).all("section > h2").map((h) => h.textContent);
}

Deno.test("the validation page has every section in reading order", () => {
  assert.deepEqual(sections(page), [
    "Summary",
    "KS and deciles",
    "ROC",
    "Calibration by decile",
    "Stability against the training split",
    "WOE and IV",
    "Points table",
    "Reason codes",
    "Adverse impact",
    "Monotonicity",
    "Promotion gate",
  ]);
});

Deno.test("every chart has an SVG, a title and labels on both axes, and no NaN path", () => {
  const doc = parse(page);
  const figures = doc.all("figure.chart");
  assert.equal(figures.length, 7);
  for (const f of figures) {
    assert.ok(f.querySelector("svg"), f.textContent);
    const title = f.querySelector("figure > h2");
    assert.ok(title && title.textContent.length > 10, `a chart without a title: ${f.textContent}`);
    const labels = axisLabels(parse(f.outerHTML));
    assert.ok(labels.length >= 2, `${title.textContent}: axis labels ${JSON.stringify(labels)}`);
  }
  for (const d of pathData(doc)) assert.equal(d.includes("NaN"), false);
});

Deno.test("every table has a caption", () => {
  const tables = parse(page).all("table");
  assert.ok(tables.length > 10);
  for (const t of tables) {
    assert.ok(t.querySelector("caption")?.textContent, t.outerHTML.slice(0, 120));
  }
});

Deno.test("the page says reason codes were not counted and that the version has no scorecard", () => {
  const doc = parse(page);
  assert.match(doc.one("#reason-codes").textContent, /Reason codes were not counted/);
  assert.match(doc.one("#points-table").textContent, /This version has no scorecard/);
  assert.equal(doc.all("#points-table table").length, 0);
});

Deno.test("the decile table shows each decile's count and KS", () => {
  const rows = parse(page).all("#ks-and-deciles tbody tr");
  assert.equal(rows.length, 10);
  const first = [...rows[0].querySelectorAll("td")].map((td: { textContent: string }) =>
    td.textContent
  );
  const decile = report.discrimination.deciles[0];
  assert.equal(first[0], "1");
  assert.equal(first[1], String(decile.count));
  assert.equal(Number(first[9]), Number(decile.ks.toPrecision(4)));
});

Deno.test("with a scorecard the page shows its points and a monotonicity row for it", () => {
  const withCard: ValidationReport = validateCandidate({
    ...fixture,
    scorecard: fitScorecard(fixture.train),
  });
  const doc = parse(renderValidationReport(withCard, LINEAGE));
  assert.equal(doc.all("#points-table tbody tr").length, withCard.points!.rows.length);
  const models = doc.all("#monotonicity tbody tr").map((tr) =>
    tr.querySelectorAll("td")[1].textContent
  );
  assert.ok(models.includes("scorecard"));
});
