/**
 * The reports in a real browser: headless Chromium (Debian `chromium`, installed by
 * .ci/chromium.sh) opens the evaluation report and fails on any console error, uncaught
 * exception, failed load or chart figure without its SVG.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { renderEvaluationReport } from "../../lib/evaluation/mod.ts";
import { LINEAGE, smallEvaluation } from "../evaluation/report/fixture.ts";
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
