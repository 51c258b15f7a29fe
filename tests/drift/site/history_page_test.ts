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
