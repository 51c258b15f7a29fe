/**
 * Drift speed at the default data size (20,000 synthetic applicants: 16,000 reference
 * rows, the 4,000 test-split rows as the window with AMT_INCOME_TOTAL doubled, 260
 * features): the metrics alone, and a whole run (read, feature, score, compare, write
 * the site with a page per feature and the duckdb-wasm assets), from the training split
 * and from the version's reference sketch.
 *
 *   deno bench -A bench/drift_bench.ts
 */
import { join } from "node:path";
import { openDuckDb, quoteLiteral } from "../lib/duckdb/mod.ts";
import {
  compareWindows,
  loadProductionModel,
  loadReference,
  readWindow,
  runDrift,
  windowFeatures,
} from "../lib/drift/mod.ts";
import { buildDriftFixture, sketchedRegistry } from "../tests/drift/fixture.ts";

const APPLICANTS = 20_000;
const fixture = await buildDriftFixture(APPLICANTS);
globalThis.addEventListener("unload", () => Deno.removeSync(fixture.root, { recursive: true }));
const window = join(fixture.root, "window.parquet");
const conn = await openDuckDb({ threads: 1 });
try {
  await conn.run(
    `copy (select * replace (AMT_INCOME_TOTAL * 2 as AMT_INCOME_TOTAL) from read_parquet(${
      quoteLiteral(fixture.applicationPath)
    }) where SK_ID_CURR % 5 = 0) to ${quoteLiteral(window)} (format parquet)`,
  );
} finally {
  conn.closeSync();
}

const production = await loadProductionModel(fixture.registry);
const reference = await loadReference(fixture.trainPath, fixture.manifest, production?.model);
const current = windowFeatures(await readWindow(window), fixture.manifest, production?.snapshot);
const rows = current.columns[0].length;

Deno.bench({
  name:
    `drift metrics: ${reference.data.rows} reference × ${rows} current rows, ${fixture.manifest.features.length} features`,
  n: 5,
  warmup: 1,
  fn() {
    compareWindows(
      {
        features: fixture.manifest.features,
        reference: reference.data.columns,
        current: current.columns,
        absent: current.absent,
      },
      { source: window, rows },
      { generatedAt: new Date().toISOString() },
    );
  },
});

Deno.bench({
  name: `drift run with site, ${APPLICANTS.toLocaleString("en-US")} applicants (default size)`,
  n: 3,
  warmup: 1,
  async fn() {
    await runDrift({
      window,
      manifestPath: fixture.manifestPath,
      referencePath: fixture.trainPath,
      registry: fixture.registry,
      outDir: join(fixture.root, "site"),
      historyPath: join(fixture.root, "history.json"),
    });
  },
});

const sketched = await sketchedRegistry(fixture, await Deno.makeTempDir({ dir: fixture.root }));

Deno.bench({
  name: `drift run with site from the reference sketch, ${
    APPLICANTS.toLocaleString("en-US")
  } applicants`,
  n: 3,
  warmup: 1,
  async fn() {
    await runDrift({
      window,
      manifestPath: fixture.manifestPath,
      referencePath: fixture.trainPath,
      registry: sketched,
      outDir: join(fixture.root, "site"),
      historyPath: join(fixture.root, "history.json"),
    });
  },
});
