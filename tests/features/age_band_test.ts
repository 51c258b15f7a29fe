import assert from "node:assert/strict";
import { openDuckDb, queryRows } from "../../lib/duckdb/mod.ts";
import {
  AGE_BANDS,
  APPLICATION_FEATURES,
  computeApplicationFeatures,
} from "../../lib/features/application.ts";
import { compileExprSql } from "../../lib/features/expression_sql.ts";
import { requestFeatures } from "../../lib/features/request.ts";
import type { FeatureManifest } from "../../lib/features/manifest/mod.ts";
import { toManifestFeature } from "../../lib/features/definition.ts";
import { sortLevels } from "../../lib/features/encoding.ts";
import { compileRequestFeatures } from "../../lib/scoring/request_features.ts";

const DAYS_PER_YEAR = 365.25;
/** Ages in years, at and just under each band boundary, and the band each is in. */
const AGES: [number, string][] = [
  [18, "0-24"],
  [24.99, "0-24"],
  [25, "25-34"],
  [34.99, "25-34"],
  [35, "35-44"],
  [44.99, "35-44"],
  [45, "45-54"],
  [54.99, "45-54"],
  [55, "55-64"],
  [64.99, "55-64"],
  [65, "65+"],
  [80, "65+"],
];
const ageBand = APPLICATION_FEATURES.find((f) => f.name === "age_band")!;

Deno.test("age_band is a categorical feature of the six documented bands, levels sorted", () => {
  assert.equal(ageBand.type, "categorical");
  assert.deepEqual(ageBand.levels, ["0-24", "25-34", "35-44", "45-54", "55-64", "65+"]);
  assert.deepEqual(ageBand.levels, [...AGE_BANDS]);
  assert.deepEqual(ageBand.levels, sortLevels(AGE_BANDS)); // codes as every categorical's
  assert.match(ageBand.description, /-DAYS_BIRTH \/ 365\.25/);
});

Deno.test("age_band puts exact ages 24.99 and 25 (from DAYS_BIRTH) in their bands", () => {
  for (const [age, band] of AGES) {
    const code = computeApplicationFeatures({ DAYS_BIRTH: -age * DAYS_PER_YEAR }).age_band;
    assert.equal(AGE_BANDS[code!], band, `age ${age}`);
  }
  assert.equal(computeApplicationFeatures({ DAYS_BIRTH: -9131 }).age_band, 0); // 24.9993 years
  assert.equal(computeApplicationFeatures({ DAYS_BIRTH: -9132 }).age_band, 1); // 25.0021 years
  assert.equal(computeApplicationFeatures({ DAYS_BIRTH: null }).age_band, null);
});

Deno.test("the feature store's SQL gives age_band the same codes as request time", async () => {
  const conn = await openDuckDb();
  try {
    const values = [...AGES.map(([age]) => -age * DAYS_PER_YEAR), -9131, -9132];
    const rows = await queryRows(
      conn,
      `select CAST(${compileExprSql(ageBand.expr, { table: "a" })} AS INTEGER) as band ` +
        `from (select unnest([${values.join(", ")}, NULL]::DOUBLE[]) as "DAYS_BIRTH") a`,
    );
    const sql = rows.map((r) => r.band === null ? null : Number(r.band));
    const js = [...values, null].map((d) => computeApplicationFeatures({ DAYS_BIRTH: d }).age_band);
    assert.deepEqual(sql, js);
    assert.deepEqual(sql.slice(0, AGES.length).map((c) => AGE_BANDS[c!]), AGES.map(([, b]) => b));
  } finally {
    conn.closeSync();
  }
});

Deno.test("a request row's age_band is computed from DAYS_BIRTH by both request paths", () => {
  const manifest: FeatureManifest = {
    formatVersion: 1,
    key: "SK_ID_CURR",
    target: "TARGET",
    features: [toManifestFeature(ageBand)],
  };
  const row = { DAYS_BIRTH: -25 * DAYS_PER_YEAR, age_band: "0-24" };
  assert.deepEqual([...requestFeatures(row, manifest)], [1]);
  const out = new Float64Array(1);
  compileRequestFeatures(manifest.features, Int32Array.of(0))(row, out);
  assert.deepEqual([...out], [1]);
});
