/**
 * A drift run reads a version's reference sketch instead of the training split: the same
 * report as from the split (exactly, when the sketch kept every distinct value; KS within
 * its stored bound otherwise), and the split again for a version without a sketch or
 * with one that does not fit the run.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { openDuckDb, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { type DriftReport, runDrift } from "../../lib/drift/mod.ts";
import { DEFAULT_DRIFT_THRESHOLDS } from "../../lib/drift/stats/mod.ts";
import { type DriftFixture, driftFixture, sketchedRegistry } from "./fixture.ts";

const NOW = new Date("2026-03-01T00:00:00Z");

/** The fixture's window: its test rows with AMT_INCOME_TOTAL doubled. */
async function windowFile(fixture: DriftFixture): Promise<string> {
  const path = join(fixture.root, "sketch-window.parquet");
  const conn = await openDuckDb({ threads: 1 });
  try {
    await conn.run(
      `copy (select * replace (AMT_INCOME_TOTAL * 2 as AMT_INCOME_TOTAL) from read_parquet(${
        quoteLiteral(fixture.applicationPath)
      }) where SK_ID_CURR % 5 = 0) to ${quoteLiteral(path)} (format parquet)`,
    );
  } finally {
    conn.closeSync();
  }
  return path;
}

async function drift(
  fixture: DriftFixture,
  dir: string,
  options: { registry: string; window: string; referencePath?: string; bins?: number },
): Promise<DriftReport> {
  const out = await Deno.makeTempDir({ dir });
  return await runDrift({
    window: options.window,
    manifestPath: fixture.manifestPath,
    referencePath: options.referencePath ?? fixture.trainPath,
    registry: options.registry,
    outDir: join(out, "site"),
    historyPath: join(out, "history.json"),
    now: NOW,
    ...(options.bins === undefined
      ? {}
      : { thresholds: { ...DEFAULT_DRIFT_THRESHOLDS, bins: options.bins } }),
  });
}

/** The report without where its reference came from. */
function withoutSource(report: DriftReport): DriftReport {
  const { reference: _, ...rest } = report;
  return rest;
}

Deno.test("drift from a sketch of every distinct value equals drift from the split", async () => {
  const fixture = await driftFixture();
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-sketch-" });
  try {
    const window = await windowFile(fixture);
    const registry = await sketchedRegistry(fixture, dir, 1e9);
    const split = await drift(fixture, dir, { registry: fixture.registry, window });
    const sketched = await drift(fixture, dir, { registry, window });
    assert.deepEqual(split.reference, { from: "split" });
    assert.deepEqual(sketched.reference, { from: "sketch" });
    assert.ok(sketched.prediction !== undefined && sketched.features.length > 100);
    assert.ok(sketched.features.some((f) => f.drifted), "the doubled income drifts");
    assert.deepEqual(withoutSource(sketched), withoutSource(split));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("drift from a capped sketch differs from the split only in KS, within its bound", async () => {
  const fixture = await driftFixture();
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-sketch-" });
  try {
    const window = await windowFile(fixture);
    // 2,400 reference rows, 256 points: the continuous features keep a subset.
    const registry = await sketchedRegistry(fixture, dir, 256);
    const split = withoutSource(await drift(fixture, dir, { registry: fixture.registry, window }));
    const sketched = withoutSource(await drift(fixture, dir, { registry, window }));
    let capped = 0;
    const strip = (report: DriftReport) =>
      [...report.features, report.prediction!].map((f) => {
        if (f.ks === undefined) return f;
        const { statistic: _s, pValue: _p, statisticBound: _b, ...ks } = f.ks;
        return { ...f, ks };
      });
    const exact = new Map([...split.features, split.prediction!].map((f) => [f.name, f]));
    for (const f of [...sketched.features, sketched.prediction!]) {
      if (f.ks?.statisticBound === undefined) continue;
      capped++;
      const d = exact.get(f.name)!.ks!.statistic;
      // The bound is tight (reached here by some features): a rounding's leeway.
      assert.ok(
        Math.abs(f.ks.statistic - d) <= f.ks.statisticBound + 1e-12,
        `${f.name}: ${f.ks.statistic} vs ${d}`,
      );
      assert.ok(f.ks.statisticBound <= Math.ceil(2400 / 256) / 2400);
    }
    assert.ok(capped > 10, `${capped} capped features`);
    assert.deepEqual(strip(sketched), strip(split));
    assert.deepEqual(sketched.dataset, split.dataset);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a version registered without a sketch, or one that does not fit, reads the split", async () => {
  const fixture = await driftFixture();
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-sketch-" });
  try {
    const window = await windowFile(fixture);
    const registry = await sketchedRegistry(fixture, dir);
    const other = await drift(fixture, dir, { registry, window, bins: 20 });
    assert.deepEqual(other.reference, {
      from: "split",
      fallback: "v0001's sketch does not fit: drift.bins is 20, the sketch was cut for 10",
    });
    assert.equal(other.features.find((f) => f.name === "AMT_INCOME_TOTAL")!.bins.length, 20);
    // Another split file: its hash is not the sketched one's.
    const copy = join(dir, "copy.parquet");
    const conn = await openDuckDb({ threads: 1 });
    try {
      await conn.run(
        `copy (select * from read_parquet(${quoteLiteral(fixture.trainPath)}) limit 2000) to ${
          quoteLiteral(copy)
        } (format parquet)`,
      );
    } finally {
      conn.closeSync();
    }
    const elsewhere = await drift(fixture, dir, { registry, window, referencePath: copy });
    assert.equal(elsewhere.reference?.from, "split");
    assert.match(elsewhere.reference?.fallback ?? "", /the reference is not the file sketched/);
    assert.equal(elsewhere.referenceRows, 2000);
    // Without the split at hand, the sketch is the reference.
    const gone = await drift(fixture, dir, {
      registry,
      window,
      referencePath: join(dir, "no-such.parquet"),
    });
    assert.deepEqual(gone.reference, { from: "sketch" });
    await assert.rejects(
      drift(fixture, dir, {
        registry: fixture.registry,
        window,
        referencePath: join(dir, "no-such.parquet"),
      }),
      { message: /^Cannot read the drift reference: ".*no-such\.parquet" does not exist$/ },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
