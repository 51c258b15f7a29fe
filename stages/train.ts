/**
 * Stage `train`: the GBDT (early stopping on a validation fold carved from the training
 * split) and the logistic baseline beside it, exported to ONNX and parity-checked.
 * Writes data/models/candidate/{model.json, baseline.json, model.onnx, baseline.onnx,
 * manifest.json, train_metrics.json}.
 */
import "../lib/stage/entry.ts";
import { join } from "node:path";
import { loadParamsSection } from "../lib/stage/params.ts";
import { readDataset } from "../lib/features/read_dataset.ts";
import { TrainParams } from "../lib/training/params.ts";
import { trainCandidate } from "../lib/training/candidate.ts";
import { createRoundProgress } from "../lib/progress/mod.ts";
import type { FeatureManifest } from "../lib/features/manifest.ts";

const OUT = "data/models/candidate";

const params = await loadParamsSection("train", TrainParams);
const manifest: FeatureManifest = JSON.parse(
  await Deno.readTextFile("data/split/manifest.json"),
);
const data = await readDataset("data/split/train.parquet", manifest);
const rounds = Number(params.gbdt.n_rounds ?? 300);
const progress = createRoundProgress("train gbdt", rounds);
const candidate = await trainCandidate(data, params, progress.onRound);
progress.end(candidate.gbdt.bestIteration);

await Deno.mkdir(OUT, { recursive: true });
await Deno.writeTextFile(join(OUT, "model.json"), JSON.stringify(candidate.gbdt) + "\n");
await Deno.writeTextFile(join(OUT, "baseline.json"), JSON.stringify(candidate.baseline) + "\n");
await Deno.writeFile(join(OUT, "model.onnx"), candidate.gbdtOnnx);
await Deno.writeFile(join(OUT, "baseline.onnx"), candidate.baselineOnnx);
await Deno.writeTextFile(join(OUT, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
await Deno.writeTextFile(
  join(OUT, "train_metrics.json"),
  JSON.stringify(candidate.metrics, null, 2) + "\n",
);
console.log(
  `trained ${candidate.gbdt.trees.length} trees; valid AUC gbdt ${
    candidate.metrics["valid.gbdt.rocAuc"]?.toFixed(4)
  }, baseline ${candidate.metrics["valid.baseline.rocAuc"]?.toFixed(4)}; ONNX max |Δp| gbdt ${
    candidate.metrics.onnx_gbdt_max_abs_diff.toExponential(2)
  }, baseline ${candidate.metrics.onnx_baseline_max_abs_diff.toExponential(2)}`,
);
