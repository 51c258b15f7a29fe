import assert from "node:assert/strict";
import { join } from "node:path";
import { openDuckDb, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { readWindow, windowFeatures } from "../../lib/drift/window.ts";
import type { FeatureManifest } from "../../lib/features/manifest/mod.ts";
import { createFeatureSnapshot } from "../../lib/registry/snapshot.ts";

async function writeParquet(path: string, select: string): Promise<void> {
  const conn = await openDuckDb({ threads: 1 });
  try {
    await conn.run(`copy (${select}) to ${quoteLiteral(path)} (format parquet)`);
  } finally {
    conn.closeSync();
  }
}

Deno.test("an inference-log export gives inputs, scores, versions and its time span", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "w.parquet");
    await writeParquet(
      path,
      `select * from (values
        ('r1', timestamp '2026-01-01 10:00:00', 'v0001', '/predict', 0.1, 'low', 5.0, 'x'),
        ('r2', timestamp '2026-01-01 12:00:00', 'v0002', '/predict', 0.3, 'high', 7.0, 'y')
      ) t(request_id, time, model_version, endpoint, score, tier, AMT_CREDIT, input_time)`,
    );
    const window = await readWindow(path);
    assert.deepEqual(window.rows, [{ AMT_CREDIT: 5, time: "x" }, { AMT_CREDIT: 7, time: "y" }]);
    assert.deepEqual(window.fields, ["AMT_CREDIT", "time"]);
    assert.deepEqual([...window.scores!], [0.1, 0.3]);
    assert.deepEqual(window.modelVersions, ["v0001", "v0002"]);
    assert.deepEqual([window.from, window.to], [
      "2026-01-01T10:00:00.000Z",
      "2026-01-01T12:00:00.000Z",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("rows logged from bare feature vectors (V2) are left out of a window and counted", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "w.parquet");
    await writeParquet(
      path,
      `select * from (values
        ('r1', timestamp '2026-01-01 10:00:00', 'v0001', '/predict', 0.1, 'low', 5.0),
        ('r2', timestamp '2026-01-01 11:00:00', 'v0001', '/v2/infer:features', 0.2, 'low', null),
        ('r3', timestamp '2026-01-01 12:00:00', 'v0001', '/v2/infer', 0.3, 'high', 7.0)
      ) t(request_id, time, model_version, endpoint, score, tier, AMT_CREDIT)`,
    );
    const window = await readWindow(path);
    assert.deepEqual(window.rows, [{ AMT_CREDIT: 5 }, { AMT_CREDIT: 7 }]);
    assert.deepEqual([...window.scores!], [0.1, 0.3]);
    assert.equal(window.featureVectorRows, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a plain CSV of application rows is read whole, without scores", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "rows.csv");
    await Deno.writeTextFile(path, "AMT_CREDIT,score\n5,1\n7,2\n");
    const window = await readWindow(path);
    assert.deepEqual(window.rows, [{ AMT_CREDIT: 5, score: 1 }, { AMT_CREDIT: 7, score: 2 }]);
    assert.equal(window.scores, undefined);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an empty log export still knows its input fields", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "w.parquet");
    await writeParquet(
      path,
      `select 'r'::varchar as request_id, 0.5::double as score, 1.0::double as AMT_CREDIT
        where false`,
    );
    const window = await readWindow(path);
    assert.deepEqual([window.rows, window.fields], [[], ["AMT_CREDIT"]]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a window file that is neither parquet nor CSV is refused by name", async () => {
  await assert.rejects(readWindow("rows.json"), {
    message: 'Cannot read window "rows.json": expected a .parquet or .csv file',
  });
});

Deno.test("window features use the request definitions; unsent history features are absent", () => {
  const manifest: FeatureManifest = {
    formatVersion: 1,
    key: "SK_ID_CURR",
    target: "TARGET",
    features: [
      { name: "AMT_CREDIT", type: "numeric", source: "application_train", description: "" },
      { name: "BURO_COUNT", type: "numeric", source: "bureau", description: "" },
      { name: "PREV_COUNT", type: "numeric", source: "previous_application", description: "" },
    ],
  };
  const { columns, absent } = windowFeatures(
    {
      source: "w",
      rows: [{ AMT_CREDIT: 5, PREV_COUNT: 2 }, { AMT_CREDIT: 7 }],
      fields: ["AMT_CREDIT", "PREV_COUNT"],
      modelVersions: [],
    },
    manifest,
  );
  assert.deepEqual(columns.map((c) => [...c]), [[5, 7], [NaN, NaN], [2, NaN]]);
  assert.deepEqual(absent, ["BURO_COUNT"]);
});

Deno.test("a snapshot supplies history features by key, as the server looks them up", () => {
  const manifest: FeatureManifest = {
    formatVersion: 1,
    key: "SK_ID_CURR",
    target: "TARGET",
    features: [{ name: "BURO_COUNT", type: "numeric", source: "bureau", description: "" }],
  };
  const snapshot = createFeatureSnapshot("SK_ID_CURR", ["BURO_COUNT"], Float64Array.of(1), [
    Float64Array.of(4),
  ]);
  const { columns, absent } = windowFeatures(
    {
      source: "w",
      rows: [{ SK_ID_CURR: 1 }, { SK_ID_CURR: 2 }],
      fields: ["SK_ID_CURR"],
      modelVersions: [],
    },
    manifest,
    snapshot,
  );
  assert.deepEqual([...columns[0]], [4, NaN]);
  assert.deepEqual(absent, []);
});

Deno.test("a snapshot value wins over the row's own field unless it is NaN; ±∞ reads as missing", () => {
  const manifest: FeatureManifest = {
    formatVersion: 1,
    key: "SK_ID_CURR",
    target: "TARGET",
    features: [
      { name: "AMT_CREDIT", type: "numeric", source: "application_train", description: "" },
      { name: "BURO_COUNT", type: "numeric", source: "bureau", description: "" },
      { name: "BURO_MAX", type: "numeric", source: "bureau", description: "" },
    ],
  };
  const snapshot = createFeatureSnapshot(
    "SK_ID_CURR",
    ["BURO_COUNT", "BURO_MAX", "NOT_IN_MANIFEST"],
    Float64Array.of(1, 2, 3),
    [Float64Array.of(4, NaN, Infinity), Float64Array.of(NaN, 6, 7), Float64Array.of(1, 1, 1)],
  );
  const { columns } = windowFeatures(
    {
      source: "w",
      rows: [
        { SK_ID_CURR: 1, AMT_CREDIT: 10, BURO_COUNT: 9, BURO_MAX: 9 },
        { SK_ID_CURR: 2, AMT_CREDIT: 11, BURO_COUNT: 9 },
        { SK_ID_CURR: 3, AMT_CREDIT: 12, BURO_COUNT: 9, BURO_MAX: 9 },
        { SK_ID_CURR: 4, AMT_CREDIT: 13, BURO_COUNT: 9 },
      ],
      fields: ["SK_ID_CURR", "AMT_CREDIT", "BURO_COUNT", "BURO_MAX"],
      modelVersions: [],
    },
    manifest,
    snapshot,
  );
  assert.deepEqual(columns.map((c) => [...c]), [
    [10, 11, 12, 13],
    // key 2's NaN leaves the row's 9; key 3's ∞ is missing; key 4 is unknown: the row's 9
    [4, 9, NaN, 9],
    [9, 6, 7, NaN],
  ]);
});

Deno.test("a window's text column gives its TF-IDF features, as the server computes them", () => {
  const term = (t: string, idf: number) => ({
    name: `purpose:${t}`,
    type: "numeric" as const,
    source: "text",
    description: "",
    text: { column: "purpose", term: t, idf },
  });
  const manifest: FeatureManifest = {
    formatVersion: 1,
    key: "id",
    target: "TARGET",
    features: [term("car", 1.5), term("loan", 2)],
  };
  const { columns, absent } = windowFeatures(
    {
      source: "w",
      rows: [{ purpose: "car loan car" }, { purpose: null }],
      fields: ["purpose"],
      modelVersions: [],
    },
    manifest,
  );
  const norm = Math.sqrt(3 * 3 + 2 * 2);
  assert.deepEqual(columns.map((c) => [...c]), [[3 / norm, 0], [2 / norm, 0]]);
  assert.deepEqual(absent, []);
});

Deno.test("an export's outlier flags are read when every row has one, never as inputs", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "w.parquet");
    await writeParquet(
      path,
      `select * from (values
        ('r1', timestamp '2026-01-01 10:00:00', 'v0001', '/predict', 0.1, 'low', 0.7, true, 5.0),
        ('r2', timestamp '2026-01-01 12:00:00', 'v0001', '/predict', 0.3, 'high', 0.4, false, 7.0)
      ) t(request_id, time, model_version, endpoint, score, tier, outlier_score, outlier_flag, AMT_CREDIT)`,
    );
    const window = await readWindow(path);
    assert.deepEqual(window.fields, ["AMT_CREDIT"]);
    assert.deepEqual([...window.outlierFlags!], [1, 0]);
    const older = join(dir, "older.parquet");
    await writeParquet(
      older,
      `select * from (values ('r1', timestamp '2026-01-01 10:00:00', 'v0001', '/predict', 0.1,
        'low', null::double, null::boolean, 5.0)) t(request_id, time, model_version, endpoint,
        score, tier, outlier_score, outlier_flag, AMT_CREDIT)`,
    );
    assert.equal((await readWindow(older)).outlierFlags, undefined);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a shadow release's challenger rows are left out of a window, so each request counts once", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "w.parquet");
    // r1 in a shadow release (champion v0001, challenger v0002), r2 before it.
    await writeParquet(
      path,
      `select * from (values
        ('r1', timestamp '2026-01-01 10:00:00', 'v0001', '/predict', 0.1, 'low', 0.7, true,
          'r1', false, 1.5, 5.0),
        ('r1', timestamp '2026-01-01 10:00:00', 'v0002', '/predict', 0.4, 'high', null, null,
          'r1', true, 3.0, 5.0),
        ('r2', timestamp '2026-01-01 12:00:00', 'v0001', '/predict', 0.3, 'high', 0.4, false,
          null, false, 1.0, 7.0)
      ) t(request_id, time, model_version, endpoint, score, tier, outlier_score, outlier_flag,
          pair_id, shadow, latency_ms, AMT_CREDIT)`,
    );
    const window = await readWindow(path);
    assert.deepEqual(window.rows, [{ AMT_CREDIT: 5 }, { AMT_CREDIT: 7 }]);
    assert.deepEqual(window.fields, ["AMT_CREDIT"]);
    assert.deepEqual([...window.scores!], [0.1, 0.3]);
    // The answers all logged flags (the challenger has no outlier model): the rate is logged.
    assert.deepEqual([...window.outlierFlags!], [1, 0]);
    assert.deepEqual(window.modelVersions, ["v0001"]);
    assert.equal(window.shadowRows, 1);
    assert.deepEqual(window.pairRows, [
      {
        pairId: "r1",
        shadow: false,
        modelVersion: "v0001",
        score: 0.1,
        tier: "low",
        latencyMs: 1.5,
      },
      { pairId: "r1", shadow: true, modelVersion: "v0002", score: 0.4, tier: "high", latencyMs: 3 },
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("window features of the fixture's rows equal those of each row merged with its lookup", async () => {
  const { driftFixture } = await import("./fixture.ts");
  const { loadProductionModel } = await import("../../lib/drift/reference.ts");
  const { compileRequestFeatures } = await import("../../lib/scoring/request_features.ts");
  const fixture = await driftFixture();
  const production = await loadProductionModel(fixture.registry);
  const snapshot = production!.snapshot!;
  assert.ok(snapshot.features.length > 50);
  // Half the rows carry a history field of their own, some keys are unknown.
  const rows = fixture.testRows.map((row, i) => ({
    ...row,
    ...(i % 2 === 0 ? { [snapshot.features[0]]: i } : {}),
    ...(i % 7 === 0 ? { [fixture.manifest.key]: -i } : {}),
  }));
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const { columns } = windowFeatures(
    { source: "w", rows, fields, modelVersions: [] },
    fixture.manifest,
    snapshot,
  );
  const features = fixture.manifest.features;
  const write = compileRequestFeatures(features, Int32Array.from(features.keys()));
  const x = new Float64Array(features.length);
  rows.forEach((row, i) => {
    const found = snapshot.lookup(row[snapshot.key]);
    x.fill(NaN);
    write(found === undefined ? row : { ...row, ...found }, x);
    features.forEach((f, j) => assert.ok(Object.is(columns[j][i], x[j]), `${f.name} row ${i}`));
  });
});
