/**
 * Parity of the FastAPI peer on a repro'd repo's test split: writes the test rows as a
 * client sends them (raw application columns, TARGET left out), the feature store's
 * vectors of the same rows, riskpipe's request-path vectors (`featuresOf`) and, for an
 * imported-XGBoost version, riskpipe's ONNX probabilities; then parity.py checks the
 * peer's features against both within 1e-6 and its probabilities against XGBoost's own
 * prediction and the ONNX ones within 1e-5. Exits 1 on a breach.
 *
 *   deno run -A bench/serve/peer/parity.ts <repo dir> <version dir> <peer dir> [onnx version dir] [rows]
 */
import { join } from "node:path";
import { openDuckDb, queryRows, quoteLiteral } from "../../../lib/duckdb/mod.ts";
import { readManifest } from "../../../lib/features/manifest/mod.ts";
import { readDataset } from "../../../lib/features/read_dataset.ts";
import { openOnnxScorer } from "../../../lib/model/onnx/mod.ts";
import { loadFeatureSnapshot } from "../../../lib/registry/snapshot.ts";
import { parseServingInfo, SERVING_FILE } from "../../../lib/registry/serving_info.ts";
import { compileFeatureVectors, featuresOf } from "../../../lib/scoring/feature_vectors.ts";

if (import.meta.main) {
  const [repo, versionDir, peerDir, onnxVersionDir, rowsText] = Deno.args;
  if (repo === undefined || versionDir === undefined || peerDir === undefined) {
    console.error("Usage: parity.ts <repo dir> <version dir> <peer dir> [onnx version dir] [rows]");
    Deno.exit(2);
  }
  const limit = Number(rowsText ?? "2000");
  const manifest = await readManifest(join(versionDir, "manifest.json"));
  const info = parseServingInfo(
    JSON.parse(await Deno.readTextFile(join(versionDir, SERVING_FILE))),
    SERVING_FILE,
  );
  const test = await readDataset(join(repo, "data/split/test.parquet"), manifest);
  const rows = Math.min(limit, test.rows);
  const width = manifest.features.length;
  const keys = Array.from(test.ids.subarray(0, rows));
  const conn = await openDuckDb();
  const raw = await queryRows(
    conn,
    `select * exclude (TARGET) from read_parquet(${
      quoteLiteral(join(repo, "data/raw/parquet/application_train.parquet"))
    }) where ${manifest.key} in (${keys.join(", ")})`,
  );
  conn.closeSync();
  const byKey = new Map(raw.map((r) => [Number(r[manifest.key]), r]));
  const ordered = keys.map((k) => {
    const row = byKey.get(k);
    if (row === undefined) throw new RangeError(`Test key ${k} is not in application_train`);
    return row;
  });
  const store = new Float64Array(rows * width);
  test.columns.forEach((column, j) => {
    for (let i = 0; i < rows; i++) store[i * width + j] = column[i];
  });
  const snapshot = info.snapshot === null ? undefined : await loadFeatureSnapshot(
    join(versionDir, info.snapshot.file),
    info.snapshot.key,
    info.snapshot.features,
  );
  const compiled = compileFeatureVectors(manifest, snapshot);
  const served = new Float64Array(rows * width);
  ordered.forEach((row, i) => served.set(featuresOf(compiled, row), i * width));
  const out = await Deno.makeTempDir({ prefix: "peer_parity_" });
  try {
    await Deno.writeTextFile(join(out, "rows.json"), JSON.stringify(ordered));
    await Deno.writeFile(join(out, "store_x.f64"), new Uint8Array(store.buffer));
    await Deno.writeFile(join(out, "served_x.f64"), new Uint8Array(served.buffer));
    if (onnxVersionDir !== undefined) {
      const scorer = await openOnnxScorer(
        await Deno.readFile(join(onnxVersionDir, "model.onnx")),
        width,
      );
      const p = Float64Array.from(await scorer.score(Float32Array.from(store), rows));
      await scorer.release();
      await Deno.writeFile(join(out, "onnx_p.f64"), new Uint8Array(p.buffer));
    }
    const script = new URL("./parity.py", import.meta.url).pathname;
    const status = await new Deno.Command("/usr/bin/python3", {
      args: [script, out, String(rows), String(width)],
      env: { PEER_DIR: peerDir },
    }).spawn().status;
    Deno.exitCode = status.code;
  } finally {
    await Deno.remove(out, { recursive: true });
  }
}
