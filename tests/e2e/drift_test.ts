/**
 * Serve → simulate a shift of one feature → drift: the app runs in process over a real
 * (small) registry with a SQLite inference log; the whole test split is POSTed with
 * AMT_INCOME_TOTAL tripled; the logged window is exported and compared with the
 * training split. 600 current rows against 2,400 reference rows keep the untouched
 * features' PSI near its sampling noise (~0.02), far below the alert threshold.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { createApp } from "../../serve/app.ts";
import { APPLICATION_FEATURES } from "../../lib/features/mod.ts";
import type { Expr } from "../../lib/features/mod.ts";
import { exportWindow, openLogStore } from "../../lib/inference_log/mod.ts";
import { productionVersion } from "../../lib/registry/mod.ts";
import { createLiveModel, loadServingModel } from "../../lib/scoring/mod.ts";
import { readHistory, runDrift } from "../../lib/drift/mod.ts";
import { applyShifts, sampleRows, sendRows } from "../../lib/drift/simulate.ts";
import { driftFixture } from "../drift/fixture.ts";

const SHIFTED = "AMT_INCOME_TOTAL";
const NOW = new Date("2026-03-04T05:06:07Z");

/** Raw columns an expression reads. */
function columnsOf(expr: Expr): string[] {
  switch (expr.kind) {
    case "column":
    case "category":
      return [expr.name];
    case "constant":
      return [];
    case "arithmetic":
    case "compare":
      return [...columnsOf(expr.left), ...columnsOf(expr.right)];
    case "divide":
      return [...columnsOf(expr.numerator), ...columnsOf(expr.denominator)];
    case "when":
      return [expr.condition, expr.then, expr.otherwise].flatMap(columnsOf);
    case "nullIf":
      return columnsOf(expr.value);
    case "reduce":
      return expr.args.flatMap(columnsOf);
  }
}

Deno.test("a shifted feature sent through the API is flagged and the untouched ones are not", async () => {
  const fixture = await driftFixture();
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-drift-e2e-" });
  const sqlitePath = join(dir, "log.db");
  const live = createLiveModel({
    productionVersion: () => productionVersion(fixture.registry),
    load: (version) => loadServingModel(fixture.registry, version),
    clock: () => NOW,
  });
  const logStore = await openLogStore({ sqlitePath });
  try {
    await live.reload();
    const app = createApp({ model: live, logStore, clock: () => NOW });
    const rows = sampleRows(fixture.testRows, fixture.testRows.length, 9)
      .map((row) => applyShifts(row, [{ field: SHIFTED, factor: 3 }]));
    const answered: number[] = [];
    const sent = await sendRows(rows, {
      url: "http://127.0.0.1:8000",
      onProgress: (done, total) => answered.push(total - done),
      // Many in flight, so the server's micro-batcher groups them as it would live traffic.
      concurrency: 50,
      fetch: (url, init) => Promise.resolve(app.request(url, init)),
    });
    assert.deepEqual([sent.ok, sent.failed, sent.firstError], [rows.length, {}, undefined]);
    assert.deepEqual(answered, Array.from({ length: rows.length }, (_, i) => rows.length - 1 - i));
    await logStore.flush();

    const window = join(dir, "window.parquet");
    const exported = await exportWindow({
      sqlitePath,
      from: new Date(NOW.getTime() - 1000),
      to: new Date(NOW.getTime() + 1000),
      outPath: window,
    });
    assert.equal(exported.rows, rows.length);

    const steps: string[] = [];
    const report = await runDrift({
      window,
      manifestPath: fixture.manifestPath,
      referencePath: fixture.trainPath,
      registry: fixture.registry,
      outDir: join(dir, "site"),
      historyPath: join(dir, "history.json"),
      now: NOW,
      onProgress: (done, total, step) => steps.push(`${done}/${total} ${step}`),
    });
    assert.deepEqual(steps, [
      "0/4 reading the reference",
      "1/4 reading the window",
      "2/4 comparing",
      "3/4 writing the site",
      "4/4 done",
    ]);
    const byName = new Map(report.features.map((f) => [f.name, f]));
    assert.equal(byName.get(SHIFTED)?.status, "alert");
    const untouched = APPLICATION_FEATURES
      .filter((f) => !columnsOf(f.expr).includes(SHIFTED))
      .map((f) => f.name);
    assert.ok(untouched.length > 100);
    const flagged = untouched.filter((name) => byName.get(name)?.drifted);
    assert.deepEqual(flagged, []);
    assert.deepEqual(report.absent, []);
    assert.equal(report.dataset.datasetDrifted, false);
    assert.equal(report.window.rows, rows.length);
    assert.equal((await readHistory(join(dir, "history.json"))).runs.length, 1);
  } finally {
    await logStore.close();
    await live.close();
    await Deno.remove(dir, { recursive: true });
  }
});
