/**
 * Batch scoring through the V2 protocol's binary data extension against raw onnxruntime
 * on the same model and batch size (issue 15 goal: ≥ 0.5× raw rows/s on 1,000-row
 * requests). Raw: one onnxruntime session (1 intra-op thread) scoring the same float32
 * block in a loop, and the model with the version's outlier graph (the floor of what the
 * server must run per row). V2: `serve/main.ts` as a child process (SQLite log and access
 * log on, as deployed), clients posting one FP32 `features` tensor [rows, n_features] as
 * binary data and reading the probabilities back as binary FP64. Also prints the server's CPU
 * time per row (all its threads, from /proc), which other load disturbs less than rows/s.
 *
 *   deno run -A bench/v2_bench.ts --repo <clone with a repro'd data/> \
 *     [--seconds 10] [--rows 1000] [--clients 2] [--port 18090] [--server-cpus 1]
 *
 * `--registry DIR --features FILE.parquet` replace --repo (default: its data/registry
 * and data/split/test.parquet). `--server-cpus 1` runs the server under `taskset -c 1`
 * so that it and this client do not share a core. Every loop is bounded in time and count.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readManifest } from "../lib/features/manifest/mod.ts";
import { readDataset } from "../lib/features/read_dataset.ts";
import { openOnnxOutlierScorer, openOnnxScorer, toRowMajorFloat32 } from "../lib/model/onnx/mod.ts";
import { OUTLIER_ONNX_FILE } from "../lib/model/outlier/serialize.ts";
import { productionVersion, readVersion } from "../lib/registry/mod.ts";
import { readVersionChoice } from "../lib/scoring/chosen_model.ts";
import { MODEL_FILES } from "../lib/training/choice.ts";

const { values: args } = parseArgs({
  args: Deno.args,
  options: {
    repo: { type: "string" },
    registry: { type: "string" },
    features: { type: "string" },
    seconds: { type: "string", default: "10" },
    rows: { type: "string", default: "1000" },
    clients: { type: "string", default: "2" },
    port: { type: "string", default: "18090" },
    "server-cpus": { type: "string" },
  },
});
const registry = args.registry ?? (args.repo && join(args.repo, "data/registry"));
const featuresPath = args.features ?? (args.repo && join(args.repo, "data/split/test.parquet"));
if (registry === undefined || featuresPath === undefined) {
  console.error("v2_bench: give --repo, or --registry and --features");
  Deno.exit(2);
}
const seconds = Number(args.seconds);
const batchRows = Number(args.rows);
const clients = Number(args.clients);
const port = Number(args.port);
const MAX_REQUESTS = 1_000_000;

const version = await productionVersion(registry);
if (version === undefined) throw new Error(`v2_bench: no version of ${registry} is in Production`);
const versionDir = join(registry, "versions", version);
const manifest = await readManifest(join(versionDir, "manifest.json"));
const width = manifest.features.length;
const block = await featureBlock(featuresPath, batchRows);

// Raw onnxruntime on the same block, with the ONNX file of the model the version serves.
const { kind } = await readVersionChoice(await readVersion(registry, version));
const onnxFile = join(versionDir, MODEL_FILES[kind].onnx);
const scorer = await openOnnxScorer(await Deno.readFile(onnxFile), width);
const expected = Float32Array.from(await scorer.score(block, batchRows));
const raw = await timed(seconds, async () => void await scorer.score(block, batchRows));
// The floor of what the server must run per row: the model and, where the version has
// one, its outlier graph (every scored row is scored for outliers and logged, issue 16).
const outlierFile = join(versionDir, OUTLIER_ONNX_FILE);
const outlierScorer = await exists(outlierFile)
  ? await openOnnxOutlierScorer(await Deno.readFile(outlierFile), width)
  : undefined;
const both = outlierScorer === undefined ? undefined : await timed(seconds, async () => {
  await scorer.score(block, batchRows);
  await outlierScorer.score(block, batchRows);
});
await scorer.release();
await outlierScorer?.release();
const rawRowsPerSecond = (raw.count * batchRows) / raw.seconds;
const bothRowsPerSecond = both && (both.count * batchRows) / both.seconds;

// The server, and the binary request: the JSON header, then the float32 block.
const work = await Deno.makeTempDir({ prefix: "riskpipe-v2-bench-" });
const serveArgs = [
  "run",
  "-A",
  "serve/main.ts",
  "--port",
  String(port),
  "--registry",
  registry,
  "--log-db",
  join(work, "log.db"),
  "--no-watch",
];
const cpus = args["server-cpus"];
const command = cpus === undefined
  ? new Deno.Command(Deno.execPath(), { args: serveArgs, stdout: "null", stderr: "inherit" })
  : new Deno.Command("taskset", {
    args: ["-c", cpus, Deno.execPath(), ...serveArgs],
    stdout: "null",
    stderr: "inherit",
  });
const server = command.spawn();
try {
  const base = `http://127.0.0.1:${port}`;
  await waitUntilReady(`${base}/v2/health/ready`);
  const header = new TextEncoder().encode(JSON.stringify({
    parameters: { binary_data_output: true },
    inputs: [{
      name: "features",
      shape: [batchRows, width],
      datatype: "FP32",
      parameters: { binary_data_size: block.byteLength },
    }],
    outputs: [{ name: "probability" }],
  }));
  const body = new Uint8Array(header.byteLength + block.byteLength);
  body.set(header);
  body.set(new Uint8Array(block.buffer, block.byteOffset, block.byteLength), header.byteLength);
  const post = async (): Promise<Float64Array> => {
    const res = await fetch(`${base}/v2/models/riskpipe/infer`, {
      method: "POST",
      headers: {
        "content-type": "application/octet-stream",
        "inference-header-content-length": String(header.byteLength),
      },
      body,
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (res.status !== 200) {
      throw new Error(
        `v2_bench: ${res.status} ${new TextDecoder().decode(bytes.subarray(0, 300))}`,
      );
    }
    const length = Number(res.headers.get("inference-header-content-length"));
    return new Float64Array(bytes.slice(length).buffer);
  };
  const first = await post();
  const worst = first.reduce((m, p, i) => Math.max(m, Math.abs(p - expected[i])), 0);
  if (worst > 1e-6) throw new Error(`v2_bench: V2 scores differ from raw onnxruntime by ${worst}`);
  for (let i = 0; i < 20; i++) await post();
  const cpuBefore = await processCpuSeconds(server.pid);
  const v2 = await timed(seconds, post, clients);
  const cpu = (await processCpuSeconds(server.pid)) - cpuBefore;
  const v2RowsPerSecond = (v2.count * batchRows) / v2.seconds;
  console.log(`model ${version}: ${width} features, batches of ${batchRows} rows`);
  console.log(
    `raw onnxruntime: ${
      Math.round(rawRowsPerSecond)
    } rows/s (1 intra-op thread, ${raw.count} runs)`,
  );
  console.log(
    `V2 binary infer: ${Math.round(v2RowsPerSecond)} rows/s (${clients} clients, ${v2.count} ` +
      `requests in ${v2.seconds.toFixed(1)} s; server CPU ${
        ((cpu / (v2.count * batchRows)) * 1e6).toFixed(2)
      } µs per row)`,
  );
  if (bothRowsPerSecond !== undefined) {
    console.log(
      `raw onnxruntime, model + outlier graph: ${Math.round(bothRowsPerSecond)} rows/s ` +
        `(${(1e6 / bothRowsPerSecond).toFixed(2)} µs a row; the most V2 could reach)`,
    );
  }
  console.log(`ratio: ${(v2RowsPerSecond / rawRowsPerSecond).toFixed(2)}× raw (goal ≥ 0.5×)`);
  if (bothRowsPerSecond !== undefined) {
    console.log(
      `ratio: ${(v2RowsPerSecond / bothRowsPerSecond).toFixed(2)}× raw model + outlier graph`,
    );
  }
} finally {
  server.kill("SIGTERM");
  await server.status;
  await Deno.remove(work, { recursive: true });
}

/** `rows` feature rows of the file, row-major float32 (its rows repeated when it has fewer). */
async function featureBlock(path: string, rows: number): Promise<Float32Array> {
  const data = await readDataset(path, manifest);
  if (data.rows === 0) throw new Error(`v2_bench: ${path} has no rows`);
  const all = toRowMajorFloat32(data.columns, data.rows);
  const out = new Float32Array(rows * width);
  for (let i = 0; i < rows; i++) {
    const from = (i % data.rows) * width;
    out.set(all.subarray(from, from + width), i * width);
  }
  return out;
}

/** Runs `fn` from `parallel` loops for `limit` seconds (and at most MAX_REQUESTS calls). */
async function timed(
  limit: number,
  fn: () => Promise<unknown>,
  parallel = 1,
): Promise<{ count: number; seconds: number }> {
  let count = 0;
  const start = performance.now();
  const deadline = start + limit * 1000;
  const loop = async () => {
    while (performance.now() < deadline && count < MAX_REQUESTS) {
      await fn();
      count++;
    }
  };
  await Promise.all(Array.from({ length: parallel }, loop));
  return { count, seconds: (performance.now() - start) / 1000 };
}

/** Polls `url` until it answers 200 (at most 60 s). */
async function waitUntilReady(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(url);
      await res.body?.cancel();
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`v2_bench: ${url} was not ready within 60 s`);
}

/** User + system CPU seconds of process `pid` and its threads (Linux /proc). */
async function processCpuSeconds(pid: number): Promise<number> {
  const stat = await Deno.readTextFile(`/proc/${pid}/stat`);
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}
