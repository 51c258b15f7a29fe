import assert from "node:assert/strict";
import { join } from "node:path";
import { harness } from "./harness.ts";

function samples(text: string, name: string): string[] {
  return text.split("\n").filter((line) => line.startsWith(`${name}{`));
}

Deno.test("/metrics exports each version's latest realised AUC from performance.json", async () => {
  const driftDir = await Deno.makeTempDir({ prefix: "riskpipe-performance-metrics-" });
  try {
    await using h = await harness({ driftDir });
    const scrape = async () => await (await h.app.request("/metrics")).text();
    assert.deepEqual(samples(await scrape(), "riskpipe_realised_auc"), []);
    await Deno.writeTextFile(
      join(driftDir, "performance.json"),
      JSON.stringify({
        generatedAt: "2026-12-01T00:00:00.000Z",
        latest: {
          v0001: { auc: 0.71, rows: 400, status: "ok" },
          v0002: { auc: 0.6, rows: 300, status: "decayed" },
        },
      }),
    );
    const text = await scrape();
    assert.deepEqual(samples(text, "riskpipe_realised_auc"), [
      'riskpipe_realised_auc{version="v0001"} 0.71',
      'riskpipe_realised_auc{version="v0002"} 0.6',
    ]);
    assert.deepEqual(samples(text, "riskpipe_realised_auc_decayed"), [
      'riskpipe_realised_auc_decayed{version="v0001"} 0',
      'riskpipe_realised_auc_decayed{version="v0002"} 1',
    ]);
    await Deno.writeTextFile(join(driftDir, "performance.json"), "{ not json");
    assert.deepEqual(samples(await scrape(), "riskpipe_realised_auc"), []);
  } finally {
    await Deno.remove(driftDir, { recursive: true });
  }
});
