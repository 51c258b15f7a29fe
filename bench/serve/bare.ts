/**
 * The floor of this stack: a bare Hono handler that only parses the JSON body and
 * calls onnxruntime-node on the same model (one session, one run per request, no
 * validation, features, tiers, logging or metrics), for one row (/predict) and for a
 * batch (/predict/batch). bench/serve/run.sh serves it beside
 * `serve/main.ts` and puts the two side by side.
 *
 *   deno run -A bench/serve/bare.ts <version dir> <port>
 */
import { join } from "node:path";
import { Hono } from "hono";
import * as ort from "onnxruntime-node";
import { readManifest } from "../../lib/features/manifest/mod.ts";
import { ONNX_INPUT, ONNX_PROBABILITIES } from "../../lib/model/onnx/mod.ts";

const [dir, portText] = Deno.args;
const manifest = await readManifest(join(dir, "manifest.json"));
const names = manifest.features.map((f) => f.name);
const session = await ort.InferenceSession.create(await Deno.readFile(join(dir, "model.onnx")), {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  graphOptimizationLevel: "all",
});

const app = new Hono();
app.post("/predict", async (c) => {
  const body = await c.req.json();
  const values = new Float32Array(names.length);
  for (let j = 0; j < names.length; j++) {
    const v = body[names[j]];
    values[j] = typeof v === "number" ? v : NaN;
  }
  const input = new ort.Tensor("float32", values, [1, names.length]);
  const out = await session.run({ [ONNX_INPUT]: input }, [ONNX_PROBABILITIES]);
  return c.json({ probability: (out[ONNX_PROBABILITIES].data as Float32Array)[1] });
});
// The same floor for a batch: parse `{ rows: [...] }`, one onnxruntime run, probabilities.
app.post("/predict/batch", async (c) => {
  const { rows } = await c.req.json() as { rows: Record<string, unknown>[] };
  const values = new Float32Array(rows.length * names.length);
  rows.forEach((row, i) => {
    for (let j = 0; j < names.length; j++) {
      const v = row[names[j]];
      values[i * names.length + j] = typeof v === "number" ? v : NaN;
    }
  });
  const input = new ort.Tensor("float32", values, [rows.length, names.length]);
  const out = await session.run({ [ONNX_INPUT]: input }, [ONNX_PROBABILITIES]);
  const p = out[ONNX_PROBABILITIES].data as Float32Array;
  return c.json({ probabilities: rows.map((_, i) => p[2 * i + 1]) });
});
Deno.serve({ port: Number(portText), hostname: "127.0.0.1", onListen: () => {} }, app.fetch);
