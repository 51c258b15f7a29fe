import assert from "node:assert/strict";
import { compareChallenger, shadowPairs } from "../../../lib/drift/challenger/mod.ts";
import { renderChallengerPage } from "../../../lib/drift/site/mod.ts";
import { formatNumber } from "../../../lib/report/mod.ts";
import { parse } from "../../report/fixtures.ts";
import { lineage } from "./pages_fixture.ts";

const WINDOW = {
  source: "window.parquet",
  from: "2026-11-01T00:00:00.000Z",
  to: "2026-11-08T00:00:00.000Z",
};

function pairedRows(n: number) {
  return Array.from({ length: n }, (_, i) => i).flatMap((i) => {
    const score = (i + 0.5) / n;
    const shifted = Math.min(0.999, score * 1.2);
    const tier = (s: number) => (s < 0.3 ? "low" : s < 0.6 ? "medium" : "high");
    return [
      {
        pairId: `p${i}`,
        shadow: false,
        modelVersion: "v0001",
        score,
        tier: tier(score),
        latencyMs: 1,
      },
      {
        pairId: `p${i}`,
        shadow: true,
        modelVersion: "v0002",
        score: shifted,
        tier: tier(shifted),
        latencyMs: 2,
      },
    ];
  });
}

Deno.test("the challenger page charts the pairs: every chart has its SVG, the figures are tabled", () => {
  const pairs = shadowPairs(pairedRows(50));
  const report = compareChallenger(pairs, WINDOW, lineage.generatedAt);
  const doc = parse(renderChallengerPage(report, pairs.groups, lineage));
  const charts = doc.all("figure.chart");
  assert.equal(charts.length, 3);
  for (const chart of charts) assert.equal(chart.querySelectorAll("svg").length >= 1, true);
  // The scatter draws one dot per pair; the matrix one cell per pair of tiers.
  assert.equal(doc.all("#scores-0 figure.chart")[0].querySelectorAll("circle").length, 50);
  assert.equal(doc.all("#tiers-0 figure.chart rect").length >= 9, true);
  const summary = doc.all("#summary tbody td").map((td) => td.textContent);
  const agreement = formatNumber(report.comparisons[0].tiers.agreement, 4);
  assert.deepEqual(summary.slice(0, 4), ["v0001", "v0002", "50", agreement]);
  assert.deepEqual(doc.all("#latency-0 tbody td").map((td) => td.textContent).slice(0, 4), [
    "champion",
    "v0001",
    "50",
    "1",
  ]);
  assert.ok(doc.all("nav a").some((a) => a.getAttribute("href") === "challenger.html"));
});

Deno.test("a window without shadow pairs gets a page that says so, with no charts", () => {
  const report = compareChallenger(shadowPairs([]), WINDOW, lineage.generatedAt);
  const doc = parse(renderChallengerPage(report, [], lineage));
  assert.equal(doc.all("figure.chart").length, 0);
  assert.equal(doc.all("#no-pairs h2")[0].textContent, "No shadow pairs in this window");
});
