import assert from "node:assert/strict";
import { join } from "node:path";
import { loadAggregateGroups } from "../../lib/features/aggregates.ts";
import { FeatureManifest, readManifest } from "../../lib/features/manifest/mod.ts";
import { homeCreditManifest } from "../../lib/features/store_sql.ts";
import { fitTfidf } from "../../lib/features/text/mod.ts";
import { textFeatures } from "../../lib/features/text/features.ts";
import { withTempDir } from "../temp_dir.ts";

Deno.test("a manifest as the writers emit it reads back to the same bytes", async () => {
  const store = homeCreditManifest(loadAggregateGroups());
  const vocabulary = fitTfidf(["late payment again", "late payment", "paid early"], {
    maxVocabulary: 10,
    minDocumentFrequency: 1,
  });
  const manifest: FeatureManifest = {
    ...store,
    features: [...store.features, ...textFeatures("purpose", vocabulary)],
    text: [{ name: "purpose", source: "csv", description: "Free text." }],
  };
  const text = JSON.stringify(manifest, null, 2) + "\n";
  await withTempDir(async (dir) => {
    const path = join(dir, "manifest.json");
    await Deno.writeTextFile(path, text);
    assert.equal(JSON.stringify(await readManifest(path), null, 2) + "\n", text);
  });
});

Deno.test("a broken manifest names the file and every bad field with its path", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "manifest.json");
    await Deno.writeTextFile(
      path,
      JSON.stringify({
        formatVersion: 1,
        key: "ID",
        target: "y",
        features: [
          { name: "a", type: "numeric", source: "csv", description: "A" },
          { name: "b", type: "ordinal", source: "csv", description: "B" },
          { name: "c", type: "numeric", source: "csv" },
        ],
      }),
    );
    await assert.rejects(() => readManifest(path), (error) => {
      assert.ok(error instanceof TypeError);
      assert.match(error.message, new RegExp(`^Cannot read feature manifest "${path}": `));
      assert.match(error.message, /features\.1\.type: Invalid option/);
      assert.match(error.message, /; features\.2\.description: Invalid input/);
      return true;
    });
  });
});
