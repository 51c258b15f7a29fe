/**
 * The reports and the API docs in a real browser: headless Chromium (Debian `chromium`,
 * installed by .ci/chromium.sh) opens the evaluation report and fails on any console
 * error, uncaught exception, failed load or chart figure without its SVG; it opens the
 * served /docs page and fails when it lists no applicant field or a try-it Send does not
 * get 200.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { renderEvaluationReport } from "../../lib/evaluation/report/mod.ts";
import { LINEAGE, smallEvaluation } from "../evaluation/report/fixture.ts";
import { harness } from "../serve/harness.ts";
import { checkPageInBrowser } from "./browser.ts";

Deno.test("the evaluation report opens in Chromium with every chart and no console error", async () => {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-report-" });
  try {
    const path = join(dir, "index.html");
    await Deno.writeTextFile(path, renderEvaluationReport(await smallEvaluation(true), LINEAGE));
    const screenshot = Deno.env.get("RISKPIPE_SCREENSHOT_DIR");
    const seen = await checkPageInBrowser(path, {
      screenshot: screenshot ? join(screenshot, "evaluation.png") : undefined,
    });
    assert.deepEqual(seen.consoleErrors, []);
    assert.equal(seen.missingCharts, 0);
    assert.ok(seen.svgCount >= 11, `only ${seen.svgCount} SVGs rendered`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the browser check reports console errors, exceptions, failed loads and missing charts", async () => {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-report-" });
  try {
    const path = join(dir, "broken.html");
    await Deno.writeTextFile(
      path,
      `<!doctype html><html><body><figure class="chart"></figure>
<script src="missing.js"></script>
<script>console.error("boom"); undefinedFunction();</script></body></html>`,
    );
    const seen = await checkPageInBrowser(path);
    assert.equal(seen.missingCharts, 1);
    assert.equal(seen.svgCount, 0);
    const errors = [...seen.consoleErrors].sort();
    assert.equal(errors.length, 3);
    assert.equal(errors[0], "console.error: boom");
    assert.equal(
      errors[1],
      `network: Failed to load resource: net::ERR_FILE_NOT_FOUND (file://${
        Deno.realPathSync(dir)
      }/missing.js)`,
    );
    assert.match(errors[2], /^uncaught: ReferenceError: undefinedFunction is not defined/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** Clicks every try-it Send of /docs in turn and collects the status each one got. */
const SEND_EVERY_EXAMPLE = `(async () => {
  const results = {};
  for (const section of document.querySelectorAll("section[data-path]")) {
    const out = section.querySelector("pre.result");
    section.querySelector("button").click();
    for (let i = 0; i < 400 && !out.dataset.status; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    results[section.dataset.path] = out.dataset.status ?? "no answer";
  }
  return {
    header: document.getElementById("version").textContent,
    fields: document.querySelectorAll("#fields tbody tr").length,
    results,
  };
})()`;

Deno.test("/docs in Chromium lists every applicant field and each try-it Send gets 200", async () => {
  await using h = await harness();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (request) =>
      new URL(request.url).pathname === "/favicon.ico"
        ? new Response(null, { status: 204 })
        : h.app.fetch(request),
  );
  try {
    const doc = await (await h.app.request("/openapi.json")).json();
    const fields = Object.keys(doc.components.schemas.Applicant.properties).length;
    const screenshot = Deno.env.get("RISKPIPE_SCREENSHOT_DIR");
    const seen = await checkPageInBrowser(`http://127.0.0.1:${server.addr.port}/docs`, {
      waitFor: `document.getElementById("version").textContent !== "loading /openapi.json…"`,
      probe: SEND_EVERY_EXAMPLE,
      screenshot: screenshot ? join(screenshot, "docs.png") : undefined,
    });
    assert.deepEqual(seen.consoleErrors, []);
    const probe = seen.probe as { header: string; fields: number; results: Record<string, string> };
    assert.doesNotMatch(probe.header, /Cannot load/);
    assert.equal(probe.fields, fields);
    assert.ok(fields > 100, `only ${fields} applicant fields`);
    assert.deepEqual(probe.results, {
      "/predict": "200",
      "/predict/batch": "200",
      "/explain": "200",
      // Its example reports on the /predict example's request, sent first.
      "/feedback": "200",
    });
  } finally {
    await server.shutdown();
  }
});
