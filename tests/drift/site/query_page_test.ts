import assert from "node:assert/strict";
import { renderQueryPage } from "../../../lib/drift/site/query_page.ts";
import { parse } from "../../report/fixtures.ts";
import { lineage } from "./pages_fixture.ts";

Deno.test("the query page loads duckdb-wasm and Arrow from the site, nothing remote", () => {
  const text = renderQueryPage(lineage, true);
  const doc = parse(text);
  const scripts = doc.all("script");
  assert.equal(scripts[0].getAttribute("src"), "duckdb/Arrow.esnext.min.js");
  assert.match(scripts[1].textContent!, /from "\.\/duckdb\/duckdb-browser\.mjs"/);
  assert.match(scripts[1].textContent!, /set autoload_known_extensions = false/);
  assert.doesNotMatch(text, /https?:\/\/(?!www\.w3\.org)/);
});

Deno.test("the first query of a log window groups by tier; a plain file's shows rows", () => {
  const sql = (fromLog: boolean) =>
    parse(renderQueryPage(lineage, fromLog)).one("#sql")!.textContent;
  assert.match(sql(true)!, /group by tier/);
  assert.equal(sql(false), "select * from current limit 20");
});
