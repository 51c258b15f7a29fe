import assert from "node:assert/strict";
import { renderFeaturePage } from "../../../lib/drift/site/feature_page.ts";
import { parse } from "../../report/fixtures.ts";
import { lineage, sampleReport, values } from "./pages_fixture.ts";

const drift = (name: string) => sampleReport().features.find((f) => f.name === name)!;

Deno.test("a numeric feature's page overlays both distributions and shows the PSI bins", () => {
  const text = renderFeaturePage(drift("moved"), values.get("moved")!, lineage);
  const doc = parse(text);
  assert.equal(doc.one("h1")!.textContent, "Drift: moved");
  assert.equal(doc.all("#reference-vs-current svg").length >= 2, true);
  assert.equal(doc.one("#verdict .badge")!.textContent, "alert");
  const binRows = doc.all("#psi-bins tbody tr").length;
  assert.equal(binRows, drift("moved").bins.length);
  assert.doesNotMatch(text, /d="[^"]*NaN/);
});

Deno.test("a categorical feature's page compares category shares with χ² and JS", () => {
  const doc = parse(renderFeaturePage(drift("GENDER"), values.get("GENDER")!, lineage));
  const labels = doc.all("#psi-bins tbody tr td:first-child")
    .map((td) => td.textContent);
  assert.deepEqual(labels, ["F", "M"]);
  const metrics = doc.all("#verdict tbody tr td:first-child")
    .map((td) => td.textContent);
  assert.ok(metrics.includes("χ² p-value"));
  assert.ok(metrics.includes("Jensen–Shannon distance (bits)"));
  assert.ok(!metrics.includes("KS p-value"));
});
