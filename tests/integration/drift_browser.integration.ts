/**
 * The drift site in a real browser: a drift run over the drift fixture (AMT_INCOME_TOTAL
 * doubled in the test split), served over HTTP at /drift/ as the API serves it, opened
 * in headless Chromium (.ci/chromium.sh). Every page must load without a console error,
 * exception or failed load and with its charts; the query page must start duckdb-wasm
 * from the site's own assets and run its first query.
 */
import assert from "node:assert/strict";
import { extname, join, normalize } from "node:path";
import { openDuckDb, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { featurePath, PREDICTION_PAGE, runDrift } from "../../lib/drift/mod.ts";
import { driftFixture } from "../drift/fixture.ts";
import { checkPageInBrowser } from "./browser.ts";
import { writePairedWindow } from "../drift/challenger/window_fixture.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".csv": "text/csv; charset=utf-8",
  ".json": "application/json",
};

/** Serves `site` at /drift/ on a free loopback port (404 elsewhere, like the API). */
function serveSite(site: string): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const path = new URL(request.url).pathname;
    // Browsers ask every origin for /favicon.ico and the pages declare no icon; answer it
    // here so the check is about the site (a `<link rel="icon">` in lib/report would do).
    if (path === "/favicon.ico") return new Response(null, { status: 204 });
    if (!path.startsWith("/drift/")) return new Response("not found", { status: 404 });
    const relative = normalize(decodeURIComponent(path.slice("/drift/".length)) || "index.html");
    if (relative.startsWith("..")) return new Response("not found", { status: 404 });
    try {
      const body = await Deno.readFile(join(site, relative));
      return new Response(body, {
        headers: { "content-type": TYPES[extname(relative)] ?? "application/octet-stream" },
      });
    } catch {
      return new Response("not found", { status: 404 });
    }
  });
}

Deno.test("the drift site opens in Chromium: charts, no console errors, a working query page", async () => {
  const fixture = await driftFixture();
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-drift-browser-" });
  const window = join(dir, "window.parquet");
  const conn = await openDuckDb({ threads: 1 });
  try {
    await conn.run(
      `copy (select * exclude (TARGET) replace (AMT_INCOME_TOTAL * 2 as AMT_INCOME_TOTAL)
        from read_parquet(${quoteLiteral(fixture.applicationPath)}) where SK_ID_CURR % 5 = 0)
        to ${quoteLiteral(window)} (format parquet)`,
    );
  } finally {
    conn.closeSync();
  }
  const site = join(dir, "site");
  for (let run = 0; run < 2; run++) {
    await runDrift({
      window,
      manifestPath: fixture.manifestPath,
      referencePath: fixture.trainPath,
      registry: fixture.registry,
      outDir: site,
      historyPath: join(dir, "history.json"),
    });
  }
  const server = serveSite(site);
  const base = `http://127.0.0.1:${server.addr.port}/drift/`;
  const shots = Deno.env.get("RISKPIPE_SCREENSHOT_DIR");
  const open = (page: string, waitFor?: string) =>
    checkPageInBrowser(base + page, {
      waitFor,
      screenshot: shots ? join(shots, `drift-${page.replaceAll("/", "-")}.png`) : undefined,
    });
  try {
    const pages: [string, number][] = [
      ["index.html", 1],
      [featurePath("AMT_INCOME_TOTAL"), 2],
      [featurePath("NAME_CONTRACT_TYPE"), 1],
      [PREDICTION_PAGE, 2],
      ["history.html", 1],
      // A plain file holds no shadow pairs: the page says so, with no chart.
      ["challenger.html", 0],
    ];
    for (const [page, charts] of pages) {
      const seen = await open(page);
      assert.deepEqual(seen.consoleErrors, [], page);
      assert.equal(seen.missingCharts, 0, page);
      assert.ok(seen.svgCount >= charts, `${page}: ${seen.svgCount} SVGs, expected ${charts}`);
    }
    const query = await open("query.html", 'document.body.dataset.queryState === "done"');
    assert.deepEqual(query.consoleErrors, []);
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the challenger page of a shadow release opens in Chromium with every chart drawn", async () => {
  const fixture = await driftFixture();
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-challenger-browser-" });
  const site = join(dir, "site");
  await runDrift({
    window: (await writePairedWindow(fixture, dir)).path,
    manifestPath: fixture.manifestPath,
    referencePath: fixture.trainPath,
    registry: fixture.registry,
    outDir: site,
    historyPath: join(dir, "history.json"),
  });
  const server = serveSite(site);
  const shots = Deno.env.get("RISKPIPE_SCREENSHOT_DIR");
  try {
    const seen = await checkPageInBrowser(
      `http://127.0.0.1:${server.addr.port}/drift/challenger.html`,
      { screenshot: shots ? join(shots, "drift-challenger.png") : undefined },
    );
    assert.deepEqual(seen.consoleErrors, []);
    assert.equal(seen.missingCharts, 0);
    // Scatter, both histograms in one, the tier matrix.
    assert.ok(seen.svgCount >= 3, `${seen.svgCount} SVGs, expected 3`);
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});
