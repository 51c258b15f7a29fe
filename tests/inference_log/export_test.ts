import assert from "node:assert/strict";
import { join } from "node:path";
import { exportWindow, openSqliteSink } from "../../lib/inference_log/mod.ts";
import { openDuckDb, queryRows, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { makeRecords } from "./fixtures.ts";

Deno.test("exportWindow writes exactly the records in [from, to) with one column per input", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const sqlitePath = join(dir, "log.db");
    const sink = await openSqliteSink(sqlitePath);
    const records = makeRecords(20); // one second apart from 2026-11-01T00:00:00Z
    await sink.write(records);
    await sink.close();
    const outPath = join(dir, "out", "window.parquet");
    const result = await exportWindow({
      sqlitePath,
      from: new Date(records[5].time),
      to: new Date(records[15].time),
      outPath,
      chunkSize: 3,
    });
    assert.deepEqual(result, { rows: 10 });
    const conn = await openDuckDb();
    const schema = await queryRows(
      conn,
      `select column_name, column_type from (describe select * from read_parquet(${
        quoteLiteral(outPath)
      }))`,
    );
    assert.deepEqual(schema.map((r) => `${r.column_name} ${r.column_type}`), [
      "request_id VARCHAR",
      "time TIMESTAMP",
      "model_version VARCHAR",
      "endpoint VARCHAR",
      "score DOUBLE",
      "tier VARCHAR",
      "outlier_score DOUBLE",
      "outlier_flag BOOLEAN",
      "pair_id VARCHAR",
      "shadow BOOLEAN",
      "latency_ms DOUBLE",
      "AMT_CREDIT DOUBLE",
      "CODE_GENDER VARCHAR",
      "EXT_SOURCE_3 DOUBLE",
      "FLAG_OWN_CAR BOOLEAN",
    ]);
    const rows = await queryRows(
      conn,
      `select request_id, strftime(time, '%Y-%m-%dT%H:%M:%S.%g') || 'Z' as time, score, tier,
         outlier_score, outlier_flag, AMT_CREDIT, CODE_GENDER, EXT_SOURCE_3, FLAG_OWN_CAR
       from read_parquet(${quoteLiteral(outPath)})`,
    );
    conn.closeSync();
    assert.deepEqual(
      rows,
      records.slice(5, 15).map((r) => ({
        request_id: r.requestId,
        time: r.time,
        score: r.score,
        tier: r.tier,
        outlier_score: r.outlier?.score ?? null,
        outlier_flag: r.outlier?.flag ?? null,
        AMT_CREDIT: r.inputs.AMT_CREDIT,
        CODE_GENDER: r.inputs.CODE_GENDER,
        EXT_SOURCE_3: r.inputs.EXT_SOURCE_3,
        FLAG_OWN_CAR: r.inputs.FLAG_OWN_CAR,
      })),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an input field named like a fixed column is exported as input_<name>", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const sqlitePath = join(dir, "log.db");
    const sink = await openSqliteSink(sqlitePath);
    const [record] = makeRecords(1);
    await sink.write([{ ...record, inputs: { score: 7, Tier: "x" } }]);
    await sink.close();
    const outPath = join(dir, "window.parquet");
    await exportWindow({ sqlitePath, from: new Date(0), to: new Date(Date.UTC(2100, 0)), outPath });
    const conn = await openDuckDb();
    const rows = await queryRows(
      conn,
      `select input_score, input_Tier from read_parquet(${quoteLiteral(outPath)})`,
    );
    conn.closeSync();
    assert.deepEqual(rows, [{ input_score: 7, input_Tier: "x" }]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an empty window writes a parquet with the fixed columns and no rows", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const sqlitePath = join(dir, "log.db");
    const outPath = join(dir, "window.parquet");
    const result = await exportWindow({
      sqlitePath,
      from: new Date(0),
      to: new Date(1000),
      outPath,
    });
    assert.deepEqual(result, { rows: 0 });
    const conn = await openDuckDb();
    const rows = await queryRows(
      conn,
      `select count(*) as n from read_parquet(${quoteLiteral(outPath)})`,
    );
    conn.closeSync();
    assert.deepEqual(rows, [{ n: 0 }]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an export carries each row's pair id, shadow flag and scoring latency", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const sqlitePath = join(dir, "log.db");
    const sink = await openSqliteSink(sqlitePath);
    const [champion, challenger, alone] = makeRecords(3);
    await sink.write([
      { ...champion, pairId: "p1", latencyMs: 2 },
      { ...challenger, modelVersion: "v0002", pairId: "p1", shadow: true, latencyMs: 5 },
      alone,
    ]);
    await sink.close();
    const outPath = join(dir, "window.parquet");
    await exportWindow({
      sqlitePath,
      from: new Date(0),
      to: new Date(Date.UTC(2100, 0)),
      outPath,
    });
    const conn = await openDuckDb();
    const rows = await queryRows(
      conn,
      `select model_version, pair_id, shadow, latency_ms from read_parquet(${
        quoteLiteral(outPath)
      })`,
    );
    conn.closeSync();
    assert.deepEqual(rows, [
      { model_version: "v0001", pair_id: "p1", shadow: false, latency_ms: 2 },
      { model_version: "v0002", pair_id: "p1", shadow: true, latency_ms: 5 },
      { model_version: "v0001", pair_id: null, shadow: false, latency_ms: null },
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
