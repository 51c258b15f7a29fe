import assert from "node:assert/strict";
import { renderIndexPage } from "../../../lib/drift/site/index_page.ts";
import { parse } from "../../report/fixtures.ts";
import { lineage, sampleReport } from "./pages_fixture.ts";

Deno.test("the index lists judged features worst first with status badges and page links", () => {
  const doc = parse(renderIndexPage(sampleReport(), lineage));
  const section = doc.one("#all-features")!;
  const rows = [...section.querySelectorAll("tbody tr")].map((tr) => [
    tr.querySelector("a")!.getAttribute("href"),
    tr.querySelector(".badge")!.textContent,
  ]);
  assert.deepEqual(rows, [
    ["features/moved.html", "alert"],
    ["features/GENDER.html", "alert"],
    ["features/steady.html", "ok"],
  ]);
});

Deno.test("the index shows the verdict, prediction drift and the PSI chart without NaN", () => {
  const text = renderIndexPage(sampleReport(), lineage);
  const doc = parse(text);
  assert.match(doc.one("#verdict p")!.textContent!, /^2 of 3 features drifted/);
  assert.equal(doc.one("#verdict a")!.getAttribute("href"), "prediction.html");
  assert.equal(doc.all("#most-drifted-features svg").length, 1);
  assert.equal(doc.all("#most-drifted-features svg rect").length >= 3, true);
  assert.doesNotMatch(text, /NaN/);
});

Deno.test("features the window cannot supply are listed apart", () => {
  const doc = parse(renderIndexPage(sampleReport(), lineage));
  assert.equal(doc.one("#not-in-the-window p:not(.note)")!.textContent, "BURO_X");
});
