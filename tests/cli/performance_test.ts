import assert from "node:assert/strict";
import { join } from "node:path";
import { main } from "../../lib/cli/performance.ts";
import {
  type InferenceRecord,
  openLogSink,
  openSqliteOutcomeStore,
} from "../../lib/inference_log/mod.ts";
import { createRng } from "../../lib/random/mod.ts";
import { PARAMS_ENV } from "../../lib/stage/params.ts";
import { harness } from "../serve/harness.ts";

const NOW = new Date(Date.UTC(2026, 11, 1));
const DAY = 86_400_000;

/** Two days of v0001 traffic whose outcomes follow the score (seeded). */
function traffic(): { records: InferenceRecord[]; outcomes: Record<string, unknown>[] } {
  const rng = createRng(11);
  const records: InferenceRecord[] = [];
  const outcomes: Record<string, unknown>[] = [];
  for (let i = 0; i < 200; i++) {
    const score = rng.float();
    const requestId = `r${i}`;
    records.push({
      requestId,
      time: new Date(NOW.getTime() - 2 * DAY + i * 600_000).toISOString(),
      modelVersion: "v0001",
      endpoint: "/predict",
      inputs: {},
      score,
      tier: score < 0.5 ? "low" : "high",
    });
    const outcome = rng.float() < score ? 1 : 0;
    outcomes.push({ request_id: requestId, outcome, observed_at: NOW.toISOString() });
  }
  return { records, outcomes };
}

Deno.test("performance writes the site's page and performance.json, and /metrics exports the AUC", async () => {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-performance-cli-" });
  const log = join(dir, "log.db");
  const site = join(dir, "drift");
  Deno.env.set(
    PARAMS_ENV,
    JSON.stringify({
      monitor: {
        performance: { window: "1d", windows: 2, label_delay: "0d", min_labelled_rows: 50 },
      },
    }),
  );
  try {
    const { records, outcomes } = traffic();
    const sink = await openLogSink({ sqlitePath: log });
    await sink.write(records);
    await sink.close();
    const store = await openSqliteOutcomeStore(log);
    assert.equal((await store.record(outcomes, { now: NOW })).accepted, 200);
    await store.close();
    const lines: string[] = [];
    const print = console.log;
    console.log = (...parts: unknown[]) => void lines.push(parts.join(" "));
    let code: number;
    try {
      code = await main(["--log", log, "--out", site, "--registry", join(dir, "none")], NOW);
    } finally {
      console.log = print;
    }
    assert.equal(code, 0);
    assert.match(lines.join("\n"), /no version decayed/);
    const report = JSON.parse(await Deno.readTextFile(join(site, "performance.json")));
    assert.deepEqual(report.windows.map((w: { rows: number }) => w.rows), [144, 56]);
    const auc = report.latest.v0001.auc;
    assert.ok(auc > 0.7 && auc < 1, `realised AUC ${auc}`);
    assert.match(await Deno.readTextFile(join(site, "performance.html")), /Realised performance/);
    await using h = await harness({ driftDir: site });
    const text = await (await h.app.request("/metrics")).text();
    assert.ok(text.includes(`riskpipe_realised_auc{version="v0001"} ${auc}\n`), text);
  } finally {
    Deno.env.delete(PARAMS_ENV);
    await Deno.remove(dir, { recursive: true });
  }
});
