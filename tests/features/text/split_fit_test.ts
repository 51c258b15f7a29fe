import assert from "node:assert/strict";
import { join } from "node:path";
import { openDuckDb, quoteLiteral } from "../../../lib/duckdb/mod.ts";
import type { FeatureManifest } from "../../../lib/features/mod.ts";
import { splitFeatureStore } from "../../../lib/split/mod.ts";

const MANIFEST: FeatureManifest = {
  formatVersion: 1,
  key: "id",
  target: "TARGET",
  features: [{ name: "x", type: "numeric", source: "csv", description: "x" }],
  text: [{ name: "purpose", source: "csv", description: "purpose" }],
};

async function storeWith(dir: string, purpose: (i: number) => string): Promise<string> {
  const path = join(dir, "store.parquet");
  const conn = await openDuckDb({ threads: 1 });
  try {
    const rows = Array.from(
      { length: 100 },
      (_, i) =>
        `(${i + 1}, ${i % 3 === 0 ? 1 : 0}, ${(i * 7) % 11}.5, ${quoteLiteral(purpose(i))})`,
    );
    await conn.run(
      `COPY (SELECT * FROM (VALUES ${rows.join(", ")}) t(id, "TARGET", x, purpose)) ` +
        `TO ${quoteLiteral(path)} (FORMAT parquet)`,
    );
  } finally {
    conn.closeSync();
  }
  return path;
}

const options = (storePath: string, outDir: string) => ({
  storePath,
  manifest: MANIFEST,
  outDir,
  testSize: 0.2,
  seed: 1,
  targetRateTolerance: 0.05,
  leakageAucMax: 0.99,
  threads: 1,
  text: { maxVocabulary: 50, minDocumentFrequency: 2 },
});

Deno.test("a text column with no term in min_document_frequency training rows fails the split before writing", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const words = (i: number) => `w${i}x${i * 31} q${i}z`;
    const storePath = await storeWith(dir, words);
    const outDir = join(dir, "split");
    await assert.rejects(splitFeatureStore(options(storePath, outDir)), {
      name: "RangeError",
      message: 'Cannot fit the text features of column "purpose": no word or word pair occurs ' +
        "in at least 2 of the 80 training rows (features.text.min_document_frequency 2)",
    });
    await assert.rejects(Deno.stat(join(outDir, "train.parquet")), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("without text columns the split manifest is the store's", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const storePath = await storeWith(dir, () => "unused");
    const { text: _, ...plain } = MANIFEST;
    const outDir = join(dir, "split");
    const conn = await openDuckDb({ threads: 1 });
    const plainStore = join(dir, "plain.parquet");
    await conn.run(
      `COPY (SELECT * EXCLUDE (purpose) FROM read_parquet(${quoteLiteral(storePath)})) ` +
        `TO ${quoteLiteral(plainStore)} (FORMAT parquet)`,
    );
    conn.closeSync();
    await splitFeatureStore({ ...options(plainStore, outDir), manifest: plain });
    assert.deepEqual(JSON.parse(await Deno.readTextFile(join(outDir, "manifest.json"))), plain);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
