import assert from "node:assert/strict";
import { join } from "node:path";
import {
  DEFAULT_PERFORMANCE_PARAMS,
  evaluateWindow,
  type PerformanceReport,
} from "../../../lib/drift/performance/mod.ts";
import { renderPerformancePage, writePerformanceSite } from "../../../lib/drift/site/mod.ts";
import { parse } from "../../report/fixtures.ts";
import { lineage } from "./pages_fixture.ts";

const DAY = 86_400_000;
const PARAMS = { ...DEFAULT_PERFORMANCE_PARAMS, min_labelled_rows: 4, max_auc_drop: 0.1 };

/** Two windows of v0001: the first ranks perfectly, the second at 0.75 (decayed from 0.9). */
function sampleReport(): PerformanceReport {
  const training = { auc: 0.9, ks: 0.5, brier: 0.1 };
  const tiers = ["low", "low", "high", "high"];
  const first = evaluateWindow(
    {
      version: "v0001",
      from: 0,
      to: DAY,
      scores: Float64Array.of(0.1, 0.2, 0.7, 0.8),
      outcomes: Uint8Array.of(0, 0, 1, 1),
      tiers,
    },
    training,
    PARAMS,
  );
  const second = evaluateWindow(
    {
      version: "v0001",
      from: DAY,
      to: 2 * DAY,
      scores: Float64Array.of(0.1, 0.4, 0.35, 0.8),
      outcomes: Uint8Array.of(0, 0, 1, 1),
      tiers,
    },
    training,
    PARAMS,
  );
  return {
    generatedAt: "2026-12-01T00:00:00.000Z",
    params: PARAMS,
    windows: [first, second],
    latest: { v0001: second },
    decayed: ["v0001"],
  };
}

Deno.test("the performance page charts realised AUC per window and tables the latest window", () => {
  const doc = parse(renderPerformancePage(sampleReport(), lineage));
  assert.ok(doc.all("#auc-over-time svg").length >= 1);
  const latest = doc.all("#latest tbody tr td").map((td) => td.textContent);
  assert.deepEqual(latest.slice(0, 6), [
    "v0001",
    "1970-01-02T00:00 – 1970-01-03T00:00",
    "4",
    "0.5",
    "0.75",
    "0.9",
  ]);
  assert.equal(latest[latest.length - 1], "decayed");
  assert.equal(doc.all("#windows tbody tr").length, 2);
  assert.deepEqual(
    doc.all("#bad-rate-by-tier tbody tr td:first-child").map((td) => td.textContent),
    [
      "low",
      "high",
    ],
  );
});

Deno.test("the performance files are written whole into the site", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const written = await writePerformanceSite(join(dir, "site"), sampleReport(), lineage);
    assert.deepEqual(written.map((p) => p.slice(dir.length + 1)), [
      "site/performance.json",
      "site/performance.html",
    ]);
    const report = JSON.parse(await Deno.readTextFile(written[0]));
    assert.equal(report.latest.v0001.auc, 0.75);
    const left = [];
    for await (const entry of Deno.readDir(join(dir, "site"))) left.push(entry.name);
    assert.deepEqual(left.sort(), ["performance.html", "performance.json"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
