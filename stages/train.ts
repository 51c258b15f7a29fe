/**
 * Stage `train`: the GBDT, the logistic baseline and the WOE scorecard — rounds and L2
 * strength by stratified k-fold CV on a small training split (then refitted on every
 * row), early stopping on a validation fold on a large one — exported to ONNX and
 * parity-checked; the choice rule (or `train.choose`) names the one offered.
 * Writes data/models/candidate/{model.json, baseline.json, scorecard.json, model.onnx,
 * baseline.onnx, scorecard.onnx, choice.json, manifest.json, train_metrics.json}; the
 * scorecard's files only when `train.scorecard.enabled`; outliers.{json,onnx} (isolation
 * forest and robust Mahalanobis) unless `train.outliers.enabled` is false.
 */
import "../lib/stage/entry.ts";
import { join } from "node:path";
import { loadParamsSection } from "../lib/stage/params.ts";
import { readDataset } from "../lib/features/read_dataset.ts";
import { TrainParams } from "../lib/training/params.ts";
import { trainCandidate } from "../lib/training/candidate.ts";
import { CHOICE_FILE, MODEL_FILES } from "../lib/training/choice.ts";
import { scorecardToJson } from "../lib/model/scorecard/serialize.ts";
import { createRoundProgress } from "../lib/progress/mod.ts";
import { readManifest } from "../lib/features/manifest/mod.ts";
import type { FeatureManifest } from "../lib/features/manifest/mod.ts";
import { GovernanceParams } from "../lib/governance/params.ts";
import { trainOutliers } from "../lib/training/outliers.ts";
import {
  OUTLIER_MODEL_FILE,
  OUTLIER_ONNX_FILE,
  outlierModelToJson,
} from "../lib/model/outlier/mod.ts";
import { trainingManifest } from "../lib/governance/protected.ts";

const OUT = "data/models/candidate";

const params = await loadParamsSection("train", TrainParams);
const governance = await loadParamsSection("governance", GovernanceParams);
// The features the model sees: the split's, less the protected attributes excluded from
// training. The candidate's manifest.json is this one, so scoring and serving agree.
const manifest: FeatureManifest = trainingManifest(
  await readManifest("data/split/manifest.json"),
  governance,
);
const data = await readDataset("data/split/train.parquet", manifest);
const cv = data.rows < params.cv_below_rows;
const rounds = Number(params.gbdt.n_rounds ?? 300);
const progress = createRoundProgress(cv ? "train gbdt (cv, fold 1)" : "train gbdt", rounds);
const candidate = await trainCandidate(data, params, { onRound: progress.onRound });
progress.end(candidate.cv?.gbdt.bestRound ?? candidate.gbdt.bestIteration);

await Deno.mkdir(OUT, { recursive: true });
await Deno.writeTextFile(join(OUT, "model.json"), JSON.stringify(candidate.gbdt) + "\n");
await Deno.writeTextFile(join(OUT, "baseline.json"), JSON.stringify(candidate.baseline) + "\n");
await Deno.writeFile(join(OUT, "model.onnx"), candidate.gbdtOnnx);
await Deno.writeFile(join(OUT, "baseline.onnx"), candidate.baselineOnnx);
if (candidate.scorecard && candidate.scorecardOnnx) {
  const files = MODEL_FILES.scorecard;
  await Deno.writeTextFile(join(OUT, files.model), scorecardToJson(candidate.scorecard) + "\n");
  await Deno.writeFile(join(OUT, files.onnx), candidate.scorecardOnnx);
}
const outliers = await trainOutliers(data, params.outliers, params.onnx_tolerance);
for (const file of [OUTLIER_MODEL_FILE, OUTLIER_ONNX_FILE]) {
  await Deno.remove(join(OUT, file)).catch((error) => { // a disabled run leaves none behind
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
}
if (outliers) {
  await Deno.writeTextFile(
    join(OUT, OUTLIER_MODEL_FILE),
    outlierModelToJson(outliers.model) + "\n",
  );
  await Deno.writeFile(join(OUT, OUTLIER_ONNX_FILE), outliers.onnx);
}
await Deno.writeTextFile(join(OUT, CHOICE_FILE), JSON.stringify(candidate.choice, null, 2) + "\n");
await Deno.writeTextFile(join(OUT, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
await Deno.writeTextFile(
  join(OUT, "train_metrics.json"),
  JSON.stringify(candidate.metrics, null, 2) + "\n",
);
const m = candidate.metrics;
const how = candidate.cv
  ? `${candidate.cv.folds}-fold CV: ${candidate.gbdt.trees.length} trees (best mean round), baseline l2 ${candidate.cv.logistic.l2}, refitted on ${data.rows} rows`
  : `${candidate.gbdt.trees.length} trees (validation fold)`;
console.log(
  `trained ${how}; ${candidate.choice.reason}; ONNX max |Δp| gbdt ${
    m.onnx_gbdt_max_abs_diff.toExponential(2)
  }, baseline ${m.onnx_baseline_max_abs_diff.toExponential(2)}${
    m.onnx_scorecard_max_abs_diff === undefined
      ? ""
      : `, scorecard ${m.onnx_scorecard_max_abs_diff.toExponential(2)}`
  }${
    outliers === undefined
      ? ""
      : `, outliers ${outliers.parity.score.toExponential(2)} (flags ${
        (outliers.model.trainingFlagRate * 100).toFixed(2)
      }% of training rows)`
  }`,
);
