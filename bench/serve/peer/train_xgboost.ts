/**
 * Trains the FastAPI peer's XGBoost 1.7 model on the repo's own split with the served
 * GBDT's depth, learning rate, bins and number of trees (bench/gbdt_xgboost.py), and
 * saves it as XGBoost JSON; prints the test AUC of both.
 *
 *   deno run -A bench/serve/peer/train_xgboost.ts <repo dir> <version dir> <model out.json>
 */
import { join } from "node:path";
import { readManifest } from "../../../lib/features/manifest/mod.ts";
import { readDataset } from "../../../lib/features/read_dataset.ts";
import { runXgboost } from "../../gbdt_xgboost.ts";

/** The served GBDT's settings, from the version's model.json. */
interface GbdtShape {
  params: { max_depth: number; max_bin: number; learning_rate: number };
  trees: unknown[];
}

if (import.meta.main) {
  const [repo, versionDir, modelOut] = Deno.args;
  if (repo === undefined || versionDir === undefined || modelOut === undefined) {
    console.error("Usage: train_xgboost.ts <repo dir> <version dir> <model out.json>");
    Deno.exit(2);
  }
  const modelPath = join(versionDir, "model.json");
  const model = JSON.parse(await Deno.readTextFile(modelPath)) as GbdtShape;
  if (!Array.isArray(model.trees) || model.params?.max_depth === undefined) {
    throw new TypeError(`Cannot train the peer: ${modelPath} is not a GBDT model`);
  }
  const manifest = await readManifest(join(versionDir, "manifest.json"));
  const train = await readDataset(join(repo, "data/split/train.parquet"), manifest);
  const test = await readDataset(join(repo, "data/split/test.parquet"), manifest);
  const result = await runXgboost(
    {
      maxDepth: model.params.max_depth,
      maxBin: model.params.max_bin,
      learningRate: model.params.learning_rate,
      rounds: model.trees.length,
      nthread: 1,
      modelOut,
    },
    train,
    test,
  );
  // Trained on bare arrays; import-xgboost aligns by the manifest's names. XGBoost writes
  // them itself: its JSON reader refuses 0.0 written back as the integer 0.
  const names = JSON.stringify(manifest.features.map((f) => f.name));
  const named = await new Deno.Command("/usr/bin/python3", {
    args: [
      "-c",
      "import json, sys, xgboost as x; b = x.Booster(model_file=sys.argv[1]); " +
      "b.feature_names = json.loads(sys.argv[2]); b.save_model(sys.argv[1])",
      modelOut,
      names,
    ],
  }).output();
  if (!named.success) throw new Error(`Cannot name the features of ${modelOut}: python3 failed`);
  console.log(
    `peer XGBoost ${result.version}: depth ${model.params.max_depth}, ${model.trees.length} rounds, ` +
      `test AUC ${result.testAuc.toFixed(4)} (${train.rows} train rows), saved to ${modelOut}`,
  );
}
