import assert from "node:assert/strict";
import { join } from "node:path";
import { copyDuckDbAssets, findAssetSources } from "../../../lib/drift/site/assets.ts";

Deno.test("duckdb-wasm is copied with its Arrow import pointed at a local module", async () => {
  const site = await Deno.makeTempDir();
  try {
    await copyDuckDbAssets(site, await findAssetSources());
    const dir = join(site, "duckdb");
    const module = await Deno.readTextFile(join(dir, "duckdb-browser.mjs"));
    assert.doesNotMatch(module, /from"apache-arrow"/);
    assert.match(module, /from"\.\/arrow\.mjs"/);
    const shim = await Deno.readTextFile(join(dir, "arrow.mjs"));
    assert.match(shim, /export const Table = Arrow\.Table;/);
    const names = [];
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
    assert.deepEqual(names.sort(), [
      "Arrow.esnext.min.js",
      "arrow.mjs",
      "duckdb-browser-eh.worker.js",
      "duckdb-browser-mvp.worker.js",
      "duckdb-browser.mjs",
      "duckdb-eh.wasm",
      "duckdb-mvp.wasm",
    ]);
  } finally {
    await Deno.remove(site, { recursive: true });
  }
});

Deno.test("a missing duckdb-wasm install is named", async () => {
  const empty = await Deno.makeTempDir();
  try {
    await assert.rejects(findAssetSources(empty), {
      message: `Cannot copy the query page's assets: @duckdb/duckdb-wasm is not installed (${
        join(empty, "@duckdb", "duckdb-wasm", "dist", "duckdb-browser.mjs")
      })`,
    });
  } finally {
    await Deno.remove(empty, { recursive: true });
  }
});
