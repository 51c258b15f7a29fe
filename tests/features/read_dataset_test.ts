import assert from "node:assert/strict";
import { join } from "node:path";
import { openDuckDb } from "../../lib/duckdb/mod.ts";
import { readDataset } from "../../lib/features/read_dataset.ts";
import type { FeatureManifest } from "../../lib/features/manifest/mod.ts";

const manifest: FeatureManifest = {
  formatVersion: 1,
  key: "SK_ID_CURR",
  target: "TARGET",
  features: [
    { name: "AMT", type: "numeric", source: "application_train", description: "An amount" },
    {
      name: "KIND",
      type: "categorical",
      levels: ["a", "b"],
      source: "application_train",
      description: "A kind",
    },
  ],
};

async function writeParquet(sql: string): Promise<string> {
  const path = join(await Deno.makeTempDir(), "t.parquet");
  const conn = await openDuckDb();
  await conn.run(`copy (${sql}) to '${path}' (format parquet)`);
  conn.closeSync();
  return path;
}

Deno.test("a feature-store parquet is read column-major with NULL as NaN", async () => {
  const path = await writeParquet(
    "select * from (values (7, 0, 1.5, 1, 'x'), (9, 1, null, null, 'y')) t(SK_ID_CURR, TARGET, AMT, KIND, EXTRA)",
  );
  const data = await readDataset(path, manifest);
  assert.equal(data.rows, 2);
  assert.deepEqual(Array.from(data.ids), [7, 9]);
  assert.deepEqual(Array.from(data.label ?? []), [0, 1]);
  assert.deepEqual(Array.from(data.columns[0]), [1.5, NaN]);
  assert.deepEqual(Array.from(data.columns[1]), [1, NaN]);
});

Deno.test("a missing manifest column is named in the error", async () => {
  const path = await writeParquet("select 1 as SK_ID_CURR, 0 as TARGET, 2.0 as AMT");
  await assert.rejects(() => readDataset(path, manifest), {
    message: `Cannot read dataset "${path}": columns "KIND" are missing`,
  });
});

Deno.test("a target other than 0 or 1 is refused with the row's key", async () => {
  const path = await writeParquet("select 5 as SK_ID_CURR, 2 as TARGET, 1.0 as AMT, 0 as KIND");
  await assert.rejects(() => readDataset(path, manifest), {
    message: `Cannot read dataset "${path}": TARGET of SK_ID_CURR 5 is 2, not 0 or 1`,
  });
});
