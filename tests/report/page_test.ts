import assert from "node:assert/strict";
import {
  barsPlot,
  figure,
  flattenParams,
  renderPage,
  renderPlot,
  slug,
} from "../../lib/report/mod.ts";
import { parse } from "./fixtures.ts";

const lineage = {
  modelVersion: "v3",
  gitCommit: "0123456789abcdef0123",
  generatedAt: "2026-11-23T12:00:00.000Z",
  dataHashes: {
    "data/split/test.parquet": "md5:aa",
    "data/models/candidate": "8af16978bd672e2f24d6075e2c54997882236bab218ac07c2e88e871b539b1e9.dir",
  },
  params: { train: { learning_rate: 0.1, max_depth: 6 }, gate: { enforce: false } },
};

function page(): string {
  const chart = renderPlot(barsPlot({
    bars: [{ category: "a", value: 1 }, { category: "b", value: 2 }],
    category: { label: "Letter" },
    value: { label: "Rows", unit: "count" },
  }));
  return renderPage({
    title: "Evaluation <candidate>",
    lineage,
    sections: [{ title: "ROC & PR", note: "Higher is better", content: [figure(chart, "Bars")] }],
  });
}

Deno.test("a page is a complete document with the escaped title, sections and inline CSS", () => {
  const doc = parse(page());
  assert.equal(doc.one("title")?.textContent, "Evaluation <candidate>");
  assert.equal(doc.one("h1")?.textContent, "Evaluation <candidate>");
  assert.deepEqual(doc.all("h2").map((h) => h.textContent), ["ROC & PR"]);
  assert.equal(doc.one("section#roc-pr p.note")?.textContent, "Higher is better");
  assert.equal(doc.all("style").length >= 1, true);
  assert.equal(doc.all("figure svg").length, 1);
  assert.equal(doc.one("figcaption")?.textContent, "Bars");
});

Deno.test("a page loads nothing from the network and needs no script", () => {
  const doc = parse(page());
  assert.equal(doc.all("script").length, 0);
  // The one link is the empty inline favicon, so a served page requests no /favicon.ico.
  const links = doc.all("link") as { getAttribute(name: string): string }[];
  assert.deepEqual(links.map((l) => l.getAttribute("href")), ["data:,"]);
  assert.equal(doc.all("img").length, 0);
  assert.equal(/https?:\/\/(?!www\.w3\.org)/.test(page()), false);
});

Deno.test("the lineage header shows version, short commit, time, hashes and flattened params", () => {
  const header = parse(page()).one("section.lineage");
  const items = [...header.querySelectorAll("dl div")].map((
    d: { querySelector(s: string): { textContent: string } },
  ) => [d.querySelector("dt").textContent, d.querySelector("dd").textContent]);
  assert.deepEqual(items, [
    ["model", "v3"],
    ["git commit", "0123456789ab"],
    ["generated", "2026-11-23T12:00:00.000Z"],
  ]);
  const lists = [...header.querySelectorAll("details li")].map((li: { textContent: string }) =>
    li.textContent
  );
  assert.deepEqual(lists, [
    "data/models/candidate 8af16978bd672e2f…",
    "data/split/test.parquet md5:aa",
    "gate.enforce = false",
    "train.learning_rate = 0.1",
    "train.max_depth = 6",
  ]);
});

Deno.test("params flatten to sorted dotted keys with JSON values", () => {
  assert.deepEqual(flattenParams({ b: { y: [1, 2], x: "s" }, a: null }), [
    ["a", "null"],
    ["b.x", '"s"'],
    ["b.y", "[1,2]"],
  ]);
});

Deno.test("section ids are slugs of their titles", () => {
  assert.equal(slug("Gains & lift by decile"), "gains-lift-by-decile");
  assert.equal(slug("***"), "section");
});

Deno.test("an inline script that would close its own tag is refused", () => {
  assert.throws(
    () =>
      renderPage({
        title: "t",
        lineage: { generatedAt: "now" },
        sections: [],
        scripts: [{ code: "x = '</script>'" }],
      }),
    { name: "RangeError", message: "Cannot inline script: its code contains </script" },
  );
});
