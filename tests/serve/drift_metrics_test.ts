import assert from "node:assert/strict";
import { join } from "node:path";
import { driftReport } from "./drift_report.ts";
import { harness } from "./harness.ts";

/** The sample lines of one metric family in an exposition. */
function samples(text: string, name: string): string[] {
  return text.split("\n").filter((line) =>
    line.startsWith(`${name}{`) || line.startsWith(`${name} `)
  );
}

async function scrape(app: { request(path: string): Response | Promise<Response> }) {
  const res = await app.request("/metrics");
  assert.equal(res.status, 200);
  return await res.text();
}

Deno.test("/metrics exports the latest drift run's PSI per feature, score PSI, verdict and time", async () => {
  const driftDir = await Deno.makeTempDir({ prefix: "riskpipe-drift-metrics-" });
  try {
    const report = driftReport("2026-01-02T00:00:00Z");
    await Deno.writeTextFile(join(driftDir, "report.json"), JSON.stringify(report, null, 2));
    await using h = await harness({ driftDir });
    const text = await scrape(h.app);
    const psiOf = (name: string) => report.features.find((f) => f.name === name)!.psi;
    assert.ok(psiOf("a") > 0.25, `feature a should have drifted: PSI ${psiOf("a")}`);
    assert.deepEqual(samples(text, "riskpipe_drift_feature_psi").sort(), [
      `riskpipe_drift_feature_psi{feature="a"} ${psiOf("a")}`,
      `riskpipe_drift_feature_psi{feature="b"} ${psiOf("b")}`,
    ]);
    assert.deepEqual(samples(text, "riskpipe_drift_score_psi"), [
      `riskpipe_drift_score_psi ${report.prediction!.psi}`,
    ]);
    assert.deepEqual(samples(text, "riskpipe_drift_dataset_drifted"), [
      `riskpipe_drift_dataset_drifted ${report.dataset.datasetDrifted ? 1 : 0}`,
    ]);
    assert.deepEqual(samples(text, "riskpipe_drift_report_timestamp_seconds"), [
      `riskpipe_drift_report_timestamp_seconds ${Date.parse("2026-01-02T00:00:00Z") / 1000}`,
    ]);
  } finally {
    await Deno.remove(driftDir, { recursive: true });
  }
});

Deno.test("the drift gauges follow a new report, and vanish when it is removed or unreadable", async () => {
  const driftDir = await Deno.makeTempDir({ prefix: "riskpipe-drift-metrics-" });
  const path = join(driftDir, "report.json");
  try {
    await using h = await harness({ driftDir });
    assert.deepEqual(samples(await scrape(h.app), "riskpipe_drift_report_timestamp_seconds"), []);
    await Deno.writeTextFile(path, JSON.stringify(driftReport("2026-01-02T00:00:00Z")));
    assert.equal(samples(await scrape(h.app), "riskpipe_drift_report_timestamp_seconds").length, 1);
    // A new run is swapped in as a new file (a rename), as writeDriftSite does.
    await Deno.writeTextFile(`${path}.new`, JSON.stringify(driftReport("2026-01-03T00:00:00Z")));
    await Deno.rename(`${path}.new`, path);
    assert.deepEqual(samples(await scrape(h.app), "riskpipe_drift_report_timestamp_seconds"), [
      `riskpipe_drift_report_timestamp_seconds ${Date.parse("2026-01-03T00:00:00Z") / 1000}`,
    ]);
    await Deno.writeTextFile(`${path}.new`, "{ not json");
    await Deno.rename(`${path}.new`, path);
    const unreadable = await scrape(h.app);
    assert.deepEqual(samples(unreadable, "riskpipe_drift_report_timestamp_seconds"), []);
    assert.deepEqual(samples(unreadable, "riskpipe_drift_feature_psi"), []);
    await Deno.remove(path);
    assert.deepEqual(samples(await scrape(h.app), "riskpipe_drift_feature_psi"), []);
  } finally {
    await Deno.remove(driftDir, { recursive: true });
  }
});

Deno.test("/metrics exports the served version's registered metrics by name", async () => {
  await using h = await harness();
  const text = await scrape(h.app);
  const version = h.live.current()!.version;
  assert.deepEqual(samples(text, "riskpipe_model_metric"), [
    `riskpipe_model_metric{version="${version}",metric="test.auc"} 0.7`,
  ]);
  // Without a drift directory there is no drift family at all.
  assert.ok(!text.includes("riskpipe_drift_"), "drift families without a drift directory");
});
