import assert from "node:assert/strict";
import { renderHistoryPage } from "../../../lib/drift/site/history_page.ts";
import { DriftThresholds } from "../../../lib/drift/stats/mod.ts";
import { parse } from "../../report/fixtures.ts";
import { lineage, sampleHistory } from "./pages_fixture.ts";

const thresholds = DriftThresholds.parse({});

Deno.test("the history charts PSI across runs and tables each feature per run", () => {
  const doc = parse(renderHistoryPage(sampleHistory(3), thresholds, lineage));
  assert.equal(doc.all("#psi-across-runs svg").length >= 1, true);
  assert.equal(doc.all("#runs tbody tr").length, 3);
  const header = doc.all("#psi-per-feature th").map((th) => th.textContent);
  assert.deepEqual(header, ["feature", "run 1", "run 2", "run 3"]);
  const names = doc.all("#psi-per-feature tbody tr td:first-child")
    .map((td) => td.textContent);
  assert.deepEqual(names, ["score", "moved", "GENDER", "steady"]);
});

Deno.test("with a single run the history has its tables but no chart yet", () => {
  const doc = parse(renderHistoryPage(sampleHistory(1), thresholds, lineage));
  assert.equal(doc.all("svg").length, 0);
  assert.equal(
    doc.one("#psi-across-runs p:not(.note)")!.textContent,
    "One run so far: the chart starts with the second run.",
  );
});

Deno.test("the history charts the outlier rate of the runs that have one", () => {
  const history = sampleHistory(3);
  history.runs[1].window = {
    ...history.runs[1].window,
    outliers: { flagged: 1, rate: 0.025, source: "logged" },
  };
  const one = parse(renderHistoryPage(history, thresholds, lineage));
  assert.equal(one.all("#outlier-rate-across-runs svg").length, 0);
  assert.equal(
    one.one("#outlier-rate-across-runs p:not(.note)")!.textContent,
    "One run with an outlier rate so far: the chart starts with the second.",
  );
  assert.deepEqual(
    one.all("#runs tbody tr td:last-child").map((td) => td.textContent),
    ["–", "0.025", "–"],
  );
  history.runs[2].window = {
    ...history.runs[2].window,
    outliers: { flagged: 4, rate: 0.1, source: "rescored" },
  };
  const two = parse(renderHistoryPage(history, thresholds, lineage));
  assert.ok(two.all("#outlier-rate-across-runs svg").length >= 1);
});
