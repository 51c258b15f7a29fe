import assert from "node:assert/strict";
import { join } from "node:path";
import { openDuckDb, queryRows, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { SplitCheckError, splitFeatureStore, type SplitOptions } from "../../lib/split/mod.ts";
import { writeStoreFixture } from "./fixture.ts";

function optionsFor(store: { path: string; dir: string; manifest: SplitOptions["manifest"] }) {
  return {
    storePath: store.path,
    manifest: store.manifest,
    outDir: join(store.dir, "split"),
    testSize: 0.25,
    seed: 7,
    targetRateTolerance: 0.01,
    leakageAucMax: 0.99,
    threads: 1,
  };
}

async function ids(path: string): Promise<number[]> {
  const conn = await openDuckDb({ threads: 1 });
  const rows = await queryRows(conn, `SELECT SK_ID_CURR FROM read_parquet(${quoteLiteral(path)})`);
  conn.closeSync();
  return rows.map((row) => row.SK_ID_CURR as number);
}

Deno.test("the split writes disjoint stratified parts in store order and a report", async () => {
  const store = await writeStoreFixture();
  const report = await splitFeatureStore(optionsFor(store));
  const train = await ids(join(store.dir, "split", "train.parquet"));
  const test = await ids(join(store.dir, "split", "test.parquet"));
  assert.equal(train.length + test.length, 400);
  assert.deepEqual(
    [...train, ...test].sort((a, b) => a - b),
    Array.from({ length: 400 }, (_, i) => i + 1),
  );
  assert.deepEqual(train, [...train].sort((a, b) => a - b));
  const positives = report.positives.all;
  assert.equal(report.positives.test, Math.round(positives * 0.25));
  assert.equal(
    report.rows.test,
    Math.round(positives * 0.25) + Math.round((400 - positives) * 0.25),
  );
  assert.equal(report.rows.test, test.length);
  assert.ok(report.targetRateGap <= 0.01);
  assert.equal(report.leakage.screened, 2);
  assert.deepEqual(report.warnings, []);
  const written = JSON.parse(await Deno.readTextFile(join(store.dir, "split", "report.json")));
  assert.deepEqual(written, report);
});

Deno.test("the same seed gives the same parts and another seed different ones", async () => {
  const store = await writeStoreFixture();
  const testIds = async (seed: number) => {
    const options = { ...optionsFor(store), seed };
    await splitFeatureStore(options);
    return await ids(join(options.outDir, "test.parquet"));
  };
  const first = await testIds(7);
  assert.deepEqual(await testIds(7), first);
  assert.notDeepEqual(await testIds(8), first);
});

Deno.test("a feature that perfectly separates the target is refused by name", async () => {
  const store = await writeStoreFixture({
    extra: [{ name: "leak", value: (target, row) => target * 10 + (row % 7) }],
  });
  await assert.rejects(splitFeatureStore(optionsFor(store)), (error: unknown) => {
    assert.ok(error instanceof SplitCheckError);
    assert.equal(error.check, "leakage");
    assert.equal(
      error.message,
      'Cannot split: 1 features leak the target (leakage_auc_max 0.99): "leak" (single-feature AUC 1.0000)',
    );
    return true;
  });
});

Deno.test("a feature missing exactly when the target is 1 is refused as a leak", async () => {
  const store = await writeStoreFixture({
    extra: [{ name: "filled_after_default", value: (target, row) => (target === 1 ? null : row) }],
  });
  await assert.rejects(splitFeatureStore(optionsFor(store)), {
    name: "SplitCheckError",
    message:
      'Cannot split: 1 features leak the target (leakage_auc_max 0.99): "filled_after_default" (missingness AUC 1.0000)',
  });
});

Deno.test("a strong but allowed feature is reported as a warning", async () => {
  const store = await writeStoreFixture({
    extra: [{ name: "strong", value: (target, row) => target * 2 + (row % 10) / 4 }],
  });
  const report = await splitFeatureStore(optionsFor(store));
  assert.equal(report.leakage.strongest[0].feature, "strong");
  assert.ok(
    report.leakage.strongest[0].strength > 0.9 && report.leakage.strongest[0].strength <= 0.99,
  );
  assert.equal(report.warnings.length, 1);
  assert.match(
    report.warnings[0],
    /^Feature "strong" separates the target strongly \(single-feature AUC 0\.9\d+\), below the leakage limit$/,
  );
});

Deno.test("duplicate ids in the store are refused before anything is written", async () => {
  const store = await writeStoreFixture({
    ids: Array.from({ length: 400 }, (_, i) => (i === 9 ? 3 : i + 1)),
  });
  await assert.rejects(splitFeatureStore(optionsFor(store)), {
    name: "SplitCheckError",
    message: "Cannot split: 1 SK_ID_CURR values appear on more than one row: 3 (2 rows)",
  });
  await assert.rejects(Deno.stat(join(store.dir, "split", "train.parquet")), Deno.errors.NotFound);
});

Deno.test("the split reports its progress: screening, then both parts written at once", async () => {
  const store = await writeStoreFixture();
  const steps: [number, number, string][] = [];
  await splitFeatureStore({
    ...optionsFor(store),
    onProgress: (done, total, step) => steps.push([done, total, step]),
  });
  assert.deepEqual(steps, [
    [0, 4, "leakage screening"],
    [2, 4, "writing train and test"],
    [4, 4, "written"],
  ]);
});
