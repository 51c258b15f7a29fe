/**
 * Pins what the split writes on a seeded store, so a change that moves a row between the
 * parts, reorders rows or alters a leakage score fails here. The hashes are of the data
 * (lib/duckdb/content_hash.ts) and of report.json as written.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { openDuckDb } from "../../lib/duckdb/mod.ts";
import { parquetContentHash } from "../../lib/duckdb/content_hash.ts";
import { splitFeatureStore } from "../../lib/split/mod.ts";
import { writeStoreFixture } from "./fixture.ts";

const PINNED = {
  train: "f7a003c768b6774ea9c372fe0cd6b6dbfc6d5c34a3999e5df8acf97d3e22c0fe",
  test: "1b92fb35cd480563cc11af53fefc9119c648966c6bfbf6247ef77d8bf51d1a8d",
  report: "fb3576c55bbd03f138b1bbcbc4a39b2c23e9ccdcb39a9273e5b9ff6ed36c356a",
};

async function splitHashes(screeningWorker: boolean): Promise<typeof PINNED> {
  const store = await writeStoreFixture({
    rows: 1500,
    seed: 11,
    extra: [
      // Ties (a few levels), a weak signal, missing values that depend on the target.
      { name: "tied", value: (target, row) => (row * 7 + target * 3) % 5 },
      { name: "signal", value: (target, row) => Math.round(((row * 37) % 101) / 10) + target },
      { name: "gappy", value: (target, row) => (row % (target === 1 ? 3 : 4) === 0 ? null : row) },
    ],
  });
  const outDir = join(store.dir, "split");
  await splitFeatureStore({
    storePath: store.path,
    manifest: store.manifest,
    outDir,
    testSize: 0.2,
    seed: 7,
    targetRateTolerance: 0.01,
    leakageAucMax: 0.99,
    threads: 2,
    screeningWorker,
  });
  const conn = await openDuckDb({ threads: 1 });
  const hashes = {
    train: await parquetContentHash(conn, join(outDir, "train.parquet")),
    test: await parquetContentHash(conn, join(outDir, "test.parquet")),
    report: createHash("sha256").update(await Deno.readFile(join(outDir, "report.json")))
      .digest("hex"),
  };
  conn.closeSync();
  await Deno.remove(store.dir, { recursive: true });
  return hashes;
}

Deno.test("the split of a seeded store writes the pinned parts and report", async () => {
  assert.deepEqual(await splitHashes(false), PINNED);
});

Deno.test("screening half the columns on a worker writes the same parts and report", async () => {
  assert.deepEqual(await splitHashes(true), PINNED);
});
