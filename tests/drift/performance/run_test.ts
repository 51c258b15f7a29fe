import assert from "node:assert/strict";
import { labelledRows } from "../../../lib/inference_log/outcome_types.ts";
import { DEFAULT_PERFORMANCE_PARAMS, runPerformance } from "../../../lib/drift/performance/mod.ts";
import { createRng } from "../../../lib/random/mod.ts";

const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 11, 1));
const PARAMS = {
  ...DEFAULT_PERFORMANCE_PARAMS,
  window: "1d",
  windows: 3,
  label_delay: "0d",
  min_labelled_rows: 50,
};

/**
 * Three days of labelled traffic: "v0001" ranks well every day; "v0002" ranks well on the
 * first day and then at random (seeded).
 */
function traffic() {
  const rng = createRng(7);
  const rows = [];
  for (let day = 0; day < 3; day++) {
    for (let i = 0; i < 200; i++) {
      const time = NOW.getTime() - (3 - day) * DAY + i * 1000;
      const score = rng.float();
      const bad = rng.float() < score ? 1 : 0;
      rows.push({
        modelVersion: "v0001",
        time,
        score,
        tier: score < 0.5 ? "low" : "high",
        outcome: bad,
      });
      const random = rng.float() < 0.5 ? 1 : 0;
      rows.push({
        modelVersion: "v0002",
        time: time + 1,
        score,
        tier: score < 0.5 ? "low" : "high",
        outcome: day === 0 ? bad : random,
      });
    }
  }
  return labelledRows(rows);
}

Deno.test("a version whose realised AUC falls past max_auc_drop is flagged; the other is not", async () => {
  const rows = traffic();
  const asked: [string, string][] = [];
  const report = await runPerformance({
    labelled: (from, to) => {
      asked.push([from.toISOString(), to.toISOString()]);
      return Promise.resolve(rows);
    },
    versionMetrics: (version) => Promise.resolve({ "test.auc": version === "v0001" ? 0.8 : 0.82 }),
    params: PARAMS,
    now: NOW,
  });
  assert.deepEqual(asked, [["2026-11-28T00:00:00.000Z", "2026-12-01T00:00:00.000Z"]]);
  assert.deepEqual(report.windows.map((w) => [w.version, w.rows]), [
    ["v0001", 200],
    ["v0001", 200],
    ["v0001", 200],
    ["v0002", 200],
    ["v0002", 200],
    ["v0002", 200],
  ]);
  const v2 = report.windows.filter((w) => w.version === "v0002");
  assert.ok(v2[0].auc! > 0.75, `day 1 AUC ${v2[0].auc}`);
  assert.ok(v2[2].auc! < 0.65, `day 3 AUC ${v2[2].auc}`);
  assert.deepEqual(report.decayed, ["v0002"]);
  assert.equal(report.latest.v0002.to, "2026-12-01T00:00:00.000Z");
  assert.equal(report.latest.v0001.status, "ok");
});

Deno.test("windows with too few labelled rows have no latest value", async () => {
  const report = await runPerformance({
    labelled: () => Promise.resolve(traffic()),
    versionMetrics: () => Promise.resolve(undefined),
    params: { ...PARAMS, min_labelled_rows: 1000 },
    now: NOW,
  });
  assert.deepEqual(report.latest, {});
  assert.ok(report.windows.every((w) => w.status === "insufficient"));
});
