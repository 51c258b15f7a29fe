/**
 * Writes the benchmark's request bodies from a repo's raw applications: one row for
 * /predict and /explain, a batch for /predict/batch (TARGET left out), and measures raw
 * onnxruntime rows/s on the same model and batch size (the batch goal's yardstick).
 *
 *   deno run -A bench/serve/payloads.ts <repo dir> <version dir> <out dir> [batch rows]
 */
import { join } from "node:path";
import { openDuckDb, queryRows, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { readManifest } from "../../lib/features/manifest/mod.ts";
import { readDataset } from "../../lib/features/read_dataset.ts";
import { openOnnxScorer, toRowMajorFloat32 } from "../../lib/model/onnx/mod.ts";

const [repo, versionDir, out, batchText] = Deno.args;
const batchRows = Number(batchText ?? "1000");
const conn = await openDuckDb();
const path = join(repo, "data/raw/parquet/application_train.parquet");
const rows = await queryRows(
  conn,
  `select * exclude (TARGET) from read_parquet(${quoteLiteral(path)}) limit ${batchRows}`,
);
conn.closeSync();
await Deno.mkdir(out, { recursive: true });
await Deno.writeTextFile(join(out, "row.json"), JSON.stringify(rows[0]));
await Deno.writeTextFile(join(out, "batch.json"), JSON.stringify({ rows }));

const manifest = await readManifest(join(versionDir, "manifest.json"));
const data = await readDataset(join(repo, "data/split/test.parquet"), manifest);
const scorer = await openOnnxScorer(
  await Deno.readFile(join(versionDir, "model.onnx")),
  manifest.features.length,
);
const block = toRowMajorFloat32(data.columns, data.rows).subarray(
  0,
  batchRows * manifest.features.length,
);
for (let i = 0; i < 20; i++) await scorer.score(block, batchRows);
const runs = 200;
const start = performance.now();
for (let i = 0; i < runs; i++) await scorer.score(block, batchRows);
const seconds = (performance.now() - start) / 1000;
console.log(
  `raw onnxruntime: ${Math.round((runs * batchRows) / seconds)} rows/s ` +
    `(batches of ${batchRows}, 1 intra-op thread)`,
);
await scorer.release();
