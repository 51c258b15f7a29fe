/**
 * One data set through the whole comparison: CSV from its Debian package, the pipeline in a
 * repo copy, the reference models on the pipeline's split, then the held-back rows scored by
 * `deno task score` and by `/predict`. A step that fails is recorded, never hidden: the
 * steps after it that need its result are reported as not run.
 */
import { join } from "node:path";
import { type OneTableDataset, writeDatasetCsv } from "./datasets.ts";
import { readHeldBack, writeHeldBackCsv } from "./held_back.ts";
import {
  type PipelineSplit,
  readRegisteredModel,
  readSplit,
  type RegisteredModel,
  runTask,
} from "./pipeline_run.ts";
import { type PredictFlowResult, runPredictFlow } from "./predict_flow.ts";
import { type ReferenceResult, runReference } from "./reference.ts";
import { configureCsvSource, copyRepo, INPUT_CSV } from "./repo_copy.ts";
import { runScoreFlow, type ScoreFlowResult } from "./score_flow.ts";

/** Everything measured on one data set; absent parts did not run (see `notes`). */
export interface DatasetResult {
  dataset: OneTableDataset;
  rows?: { all: number; train: number; test: number };
  baseRate?: number;
  reproExitCode?: number;
  reproSeconds?: number;
  model?: RegisteredModel;
  /** True when the bench promoted the version by hand (`--force`) so that it could be served. */
  promotedByHand?: boolean;
  reference?: ReferenceResult;
  score?: ScoreFlowResult;
  predict?: PredictFlowResult;
  notes: string[];
}

/** Runs every step for `dataset` under `workDir` (created here) with the repo at `root`. */
export async function runDataset(
  root: string,
  dataset: OneTableDataset,
  workDir: string,
  log: (line: string) => void,
): Promise<DatasetResult> {
  const result: DatasetResult = { dataset, notes: [] };
  const repo = join(workDir, "repo");
  await Deno.mkdir(workDir, { recursive: true });
  const csvPath = join(workDir, `${dataset.name}.csv`);
  await writeDatasetCsv(dataset, csvPath);
  await copyRepo(root, repo);
  await configureCsvSource(repo, dataset);
  await Deno.mkdir(join(repo, "data/raw"), { recursive: true });
  await Deno.copyFile(csvPath, join(repo, INPUT_CSV));

  log(`${dataset.name}: deno task repro`);
  const repro = await runTask(repo, ["repro"], join(workDir, "repro.log"));
  result.reproExitCode = repro.code;
  result.reproSeconds = repro.seconds;
  if (repro.code !== 0) {
    result.notes.push(`repro exited ${repro.code}: ${repro.tail.at(-1) ?? ""}`);
  }

  const split = await step(result, "split", () => readSplit(repo));
  if (split === undefined) return result;
  result.rows = {
    all: split.train.length + split.test.length,
    train: split.train.length,
    test: split.test.length,
  };
  result.baseRate = split.baseRate;

  log(`${dataset.name}: XGBoost and logistic regression on the same rows`);
  result.reference = await step(
    result,
    "reference models",
    () => runReference(csvPath, dataset.targetColumn, dataset.positiveLabel, split, workDir),
  );

  result.model = await step(result, "registry", () => readRegisteredModel(repo));
  if (result.model === undefined) {
    result.notes.push("register made no version: nothing to score");
    return result;
  }
  await servable(repo, result.model, result, workDir);
  await scoreHeldBack(repo, csvPath, split, result, workDir, log);
  return result;
}

// Without a Production version neither score nor serve has a model; the user's next step
// is to promote by hand, so the bench does that (and says so) to measure the rest.
async function servable(
  repo: string,
  model: RegisteredModel,
  result: DatasetResult,
  workDir: string,
): Promise<void> {
  if (model.stage === "Production") return;
  const promote = await runTask(
    repo,
    ["registry", "promote", model.version, "Production", "--force"],
    join(workDir, "promote.log"),
  );
  result.promotedByHand = promote.code === 0;
  result.notes.push(
    promote.code === 0
      ? `${model.version} was not promoted (stage ${model.stage}); the bench promoted it by hand with --force`
      : `${model.version} is not in Production and promoting it failed: ${promote.tail.at(-1)}`,
  );
}

async function scoreHeldBack(
  repo: string,
  csvPath: string,
  split: PipelineSplit,
  result: DatasetResult,
  workDir: string,
  log: (line: string) => void,
): Promise<void> {
  const { dataset } = result;
  const heldBackPath = join(workDir, "held_back.csv");
  await writeHeldBackCsv(csvPath, split.test, heldBackPath);
  const heldBack = await readHeldBack(heldBackPath, dataset.targetColumn, dataset.positiveLabel);
  log(`${dataset.name}: deno task score on ${heldBack.records.length} held-back rows`);
  result.score = await step(
    result,
    "score",
    () => runScoreFlow(repo, heldBackPath, heldBack.labels, workDir),
  );
  log(`${dataset.name}: POST /predict, one request per held-back row`);
  result.predict = await step(
    result,
    "/predict",
    () => runPredictFlow(repo, heldBack.records, heldBack.labels, workDir),
  );
}

// Runs one step; a failure becomes a note and an undefined result.
async function step<T>(
  result: DatasetResult,
  name: string,
  fn: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await fn();
  } catch (error) {
    result.notes.push(`${name} failed: ${error instanceof Error ? error.message : error}`);
    return undefined;
  }
}
