/** A seeded feature store of a few hundred rows written as parquet for split tests. */
import { join } from "node:path";
import { openDuckDb, quoteLiteral } from "../../lib/duckdb/mod.ts";
import type { FeatureManifest } from "../../lib/features/manifest/mod.ts";
import { createRng } from "../../lib/random/mod.ts";

/** A written store: its path, manifest and the rows as given. */
export interface StoreFixture {
  path: string;
  dir: string;
  manifest: FeatureManifest;
}

/** Options: row count, seed, and extra columns computed from (target, rng). */
export interface StoreFixtureOptions {
  rows?: number;
  seed?: number;
  /** Ids to use instead of 1..rows (may repeat, to test the duplicate check). */
  ids?: number[];
  extra?: { name: string; value: (target: number, row: number) => number | null }[];
}

/** Writes feature_store.parquet with SK_ID_CURR, TARGET, noise x, category c, extras. */
export async function writeStoreFixture(options: StoreFixtureOptions = {}): Promise<StoreFixture> {
  const rows = options.rows ?? 400;
  const rng = createRng(options.seed ?? 3);
  const extra = options.extra ?? [];
  const values: string[] = [];
  for (let i = 0; i < rows; i++) {
    const target = rng.bernoulli(0.2) ? 1 : 0;
    const x = rng.float() < 0.1 ? "NULL" : String(rng.normal());
    const c = String(rng.int(0, 3));
    const more = extra.map((e) => {
      const v = e.value(target, i);
      return v === null ? "NULL" : String(v);
    });
    const id = options.ids?.[i] ?? i + 1;
    values.push(`(${[id, target, x, c, ...more].join(", ")})`);
  }
  const names = ["SK_ID_CURR", "TARGET", "x", "c", ...extra.map((e) => e.name)];
  const dir = await Deno.makeTempDir();
  const path = join(dir, "feature_store.parquet");
  const conn = await openDuckDb({ threads: 1 });
  await conn.run(
    `CREATE TABLE s AS SELECT CAST(SK_ID_CURR AS BIGINT) AS SK_ID_CURR, CAST(TARGET AS INTEGER) AS TARGET,
       CAST(x AS DOUBLE) AS x, CAST(c AS INTEGER) AS c ${
      extra.map((e) => `, CAST("${e.name}" AS DOUBLE) AS "${e.name}"`).join("")
    }
     FROM (VALUES ${values.join(", ")}) AS v(${names.map((n) => `"${n}"`).join(", ")})`,
  );
  await conn.run(`COPY s TO ${quoteLiteral(path)} (FORMAT parquet)`);
  conn.closeSync();
  const manifest: FeatureManifest = {
    formatVersion: 1,
    key: "SK_ID_CURR",
    target: "TARGET",
    features: [
      { name: "x", type: "numeric", source: "test", description: "Noise." },
      {
        name: "c",
        type: "categorical",
        levels: ["a", "b", "c", "d"],
        source: "test",
        description: "A category.",
      },
      ...extra.map((e) => ({
        name: e.name,
        type: "numeric" as const,
        source: "test",
        description: "Extra.",
      })),
    ],
  };
  return { path, dir, manifest };
}
