/**
 * The reports and the API docs in a real browser: headless Chromium (Debian `chromium`,
 * installed by .ci/chromium.sh) opens the evaluation report, the model validation
 * report, the plots diff page, the tune report and the experiments tracking page and fails on any console error, uncaught exception,
 * failed load, chart figure without its SVG or (validation) a missing chart title; it opens the
 * served /docs page and fails when it lists no applicant field or a try-it Send does not
 * get 200.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { renderEvaluationReport } from "../../lib/evaluation/report/mod.ts";
import { LINEAGE, smallEvaluation } from "../evaluation/report/fixture.ts";
import { harness } from "../serve/harness.ts";
import { renderValidationReport, validateCandidate } from "../../lib/evaluation/validation/mod.ts";
import { validationFixture } from "../evaluation/validation/fixture.ts";
import { checkPageInBrowser } from "./browser.ts";
import { collectPlots, renderPlotsPage } from "../../lib/pipeline/plots/mod.ts";
import { readPlots } from "../../lib/pipeline/spec/plots.ts";
import { makeSyntheticDataset } from "../../lib/model/gbdt/synthetic.ts";
import { resolveGbdtParams } from "../../lib/model/gbdt/params.ts";
import { TuneParams } from "../../lib/tune/params.ts";
import { renderTunePage } from "../../lib/tune/report.ts";
import { runSearch } from "../../lib/tune/search.ts";
import { renderExperimentsPage } from "../../lib/pipeline/experiments/report.ts";

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

/** The titles of the charts the browser drew (Plot's h2 inside each chart figure). */
const CHART_TITLES = `[...document.querySelectorAll("figure.chart")].map((f) =>
  f.querySelector("svg") ? f.querySelector("figure > h2")?.textContent ?? "(untitled)" : "(no svg)"
)`;

Deno.test("the validation report opens in Chromium with every chart titled and no console error", async () => {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-validation-" });
  try {
    const path = join(dir, "validation.html");
    const report = validateCandidate(await validationFixture("gbdt"));
    await Deno.writeTextFile(path, renderValidationReport(report, LINEAGE));
    const screenshot = Deno.env.get("RISKPIPE_SCREENSHOT_DIR");
    const seen = await checkPageInBrowser(path, {
      probe: CHART_TITLES,
      screenshot: screenshot ? join(screenshot, "validation.png") : undefined,
    });
    assert.deepEqual(seen.consoleErrors, []);
    assert.equal(seen.missingCharts, 0);
    assert.deepEqual(seen.probe, [
      "Cumulative share of bads and goods by score decile",
      "ROC curve of the served model",
      "Observed bad rate against mean predicted probability, by decile",
      "Score distribution: training and test shares per training-decile bin",
      "Characteristic stability index, the 10 least stable features",
      "Information value, the 10 most informative features",
      "f4: adverse impact ratio by group and tier cut-off",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the plots diff page opens in Chromium with a chart and a legend per plot", async () => {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-plots-" });
  try {
    const file = "reports/evaluation/tables.json";
    const { plots } = readPlots({
      roc: { file, data: "roc", template: "roc", series: "model" },
      calibration: { file, data: "calibration", template: "calibration" },
    }, () => true);
    const tables = (lift: number) =>
      new TextEncoder().encode(JSON.stringify({
        roc: ["GBDT", "Logistic"].flatMap((model) =>
          [0, 0.25, 0.5, 1].map((fpr) => ({ model, fpr, tpr: Math.min(1, fpr * lift) }))
        ),
        calibration: [0.1, 0.2, 0.4].map((p) => ({ meanPredicted: p, observedRate: p * lift / 2 })),
      }));
    const sides = [1.5, 2].map((lift, i) => ({
      name: ["HEAD~1", "workspace"][i],
      read: () => Promise.resolve(tables(lift)),
    }));
    const path = join(dir, "index.html");
    const page = renderPlotsPage(await collectPlots(plots, sides), {
      generatedAt: LINEAGE.generatedAt,
    });
    await Deno.writeTextFile(path, page);
    const screenshot = Deno.env.get("RISKPIPE_SCREENSHOT_DIR");
    const seen = await checkPageInBrowser(path, {
      probe: `[...document.querySelectorAll("section[id^=plot-]")].map((s) =>
        [s.id, s.querySelectorAll("figure.chart svg").length,
         s.querySelectorAll("span[class$=-swatch]").length])`,
      screenshot: screenshot ? join(screenshot, "plots.png") : undefined,
    });
    assert.deepEqual(seen.consoleErrors, []);
    assert.equal(seen.missingCharts, 0);
    // Plot's swatch legends are HTML spans; the chart SVG plus one small SVG per swatch.
    assert.deepEqual(seen.probe, [["plot-roc", 5, 4], ["plot-calibration", 3, 2]]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the tune report opens in Chromium with every chart and no console error", async () => {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-tune-" });
  try {
    const space = { max_depth: [2, 3], learning_rate: { min: 0.05, max: 0.4, log: true } };
    const tune = TuneParams.parse({ trials: 6, folds: 3, space, halving: { min_rounds: 2 } });
    const data = makeSyntheticDataset({ rows: 300, features: 3, seed: 2 });
    const result = await runSearch(data, { tune, base: resolveGbdtParams({ n_rounds: 6 }) });
    const path = join(dir, "index.html");
    await Deno.writeTextFile(path, renderTunePage(result, { space: tune.space, lineage: LINEAGE }));
    const seen = await checkPageInBrowser(path);
    assert.deepEqual(seen.consoleErrors, []);
    assert.equal(seen.missingCharts, 0);
    assert.ok(seen.svgCount >= 3, `only ${seen.svgCount} SVGs rendered`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the experiments tracking page opens in Chromium with every chart and no console error", async () => {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-exp-" });
  try {
    const rows = [["deep", 8, 0.74], ["shallow", 4, 0.71], ["failed-one", 6, undefined]].map((
      [name, depth, auc],
    ) => ({
      name: String(name),
      status: auc === undefined ? "failed" : "done",
      baseCommit: null,
      queuedAt: "2026-01-01T00:00:00Z",
      params: { "train.gbdt.max_depth": depth },
      metrics: auc === undefined ? {} : { auc, ks: Number(auc) / 2 },
    }));
    const table = { paramColumns: ["train.gbdt.max_depth"], metricColumns: ["auc", "ks"], rows };
    const { plots } = readPlots({
      roc: { file: "t.json", data: "roc", template: "roc" },
      pr: { file: "t.json", data: "pr", template: "pr" },
    }, () => true);
    const curves = plots.map((plot) => ({
      plot,
      series: [0.6, 0.8].map((mid, i) => ({
        name: ["deep", "shallow"][i],
        revision: ["deep", "shallow"][i],
        x: [0, 0.5, 1],
        y: plot.template === "roc" ? [0, mid, 1] : [1, mid, 0.2],
      })),
      missing: [{ name: "failed-one", reason: "it is failed, not done" }],
    }));
    const path = join(dir, "index.html");
    const page = renderExperimentsPage(table, curves, ["deep", "shallow", "failed-one"], {
      generatedAt: LINEAGE.generatedAt,
    });
    await Deno.writeTextFile(path, page);
    const screenshot = Deno.env.get("RISKPIPE_SCREENSHOT_DIR");
    const seen = await checkPageInBrowser(path, {
      probe: `[...document.querySelectorAll("main > section")].map((s) =>
        [s.id, s.querySelectorAll("figure.chart").length])`,
      screenshot: screenshot ? join(screenshot, "experiments.png") : undefined,
    });
    assert.deepEqual(seen.consoleErrors, []);
    assert.equal(seen.missingCharts, 0);
    // two metric bars, ROC and PR, max_depth against auc and ks
    assert.deepEqual(seen.probe, [["experiments", 0], ["metrics", 2], ["curves", 2], [
      "params",
      2,
    ]]);
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
      "/v2/models/{name}/infer": "200",
      "/v2/models/{name}/versions/{version}/infer": "200",
      // Its example reports on the /predict example's request, sent first.
      "/feedback": "200",
    });
  } finally {
    await server.shutdown();
  }
});
