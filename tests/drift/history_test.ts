import assert from "node:assert/strict";
import { join } from "node:path";
import { appendHistory, readHistory } from "../../lib/drift/history.ts";
import { compareWindows, DriftThresholds, historyEntry } from "../../lib/drift/stats/mod.ts";

function report(generatedAt: string, offset: number) {
  const ramp = (o: number) => Float64Array.from({ length: 8 }, (_, i) => i + o);
  return compareWindows(
    {
      features: [{ name: "x", type: "numeric", source: "application_train", description: "" }],
      reference: [ramp(0)],
      current: [ramp(offset)],
    },
    { source: "w.parquet", rows: 8 },
    { generatedAt, thresholds: DriftThresholds.parse({ min_rows: 4, bins: 4 }) },
  );
}

Deno.test("the history starts empty and keeps one entry per run across appends", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "drift", "history.json");
    assert.deepEqual(await readHistory(path), { formatVersion: 1, runs: [] });
    await appendHistory(path, report("2026-01-01T00:00:00.000Z", 0));
    await appendHistory(path, report("2026-01-02T00:00:00.000Z", 100));
    const history = await readHistory(path);
    assert.deepEqual(history.runs.map((r) => [r.generatedAt, r.datasetDrifted]), [
      ["2026-01-01T00:00:00.000Z", false],
      ["2026-01-02T00:00:00.000Z", true],
    ]);
    assert.equal(history.runs[0].psi.x, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a PSI that could not be computed is recorded as null, not NaN", () => {
  const r = compareWindows(
    {
      features: [{ name: "x", type: "numeric", source: "application_train", description: "" }],
      reference: [Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8])],
      current: [new Float64Array(8).fill(NaN)],
    },
    { source: "w.parquet", rows: 8 },
    { generatedAt: "2026-01-01T00:00:00.000Z", thresholds: DriftThresholds.parse({ min_rows: 4 }) },
  );
  assert.ok(Number.isNaN(r.features[0].psi));
  assert.deepEqual(historyEntry(r).psi, { x: null });
});

Deno.test("a file that is not a drift history is refused with its path", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "history.json");
    await Deno.writeTextFile(path, "[]");
    await assert.rejects(readHistory(path), {
      message: `Cannot read drift history "${path}": not a formatVersion 1 history`,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
