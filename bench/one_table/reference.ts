/**
 * The reference models on the pipeline's own rows: bench/one_table.py (XGBoost 1.7 `hist`
 * with rounds by 5-fold CV, and scikit-learn's LogisticRegression) on the same CSV and split.
 */
import { join } from "node:path";
import type { PipelineSplit } from "./pipeline_run.ts";

/** What bench/one_table.py reports. */
export interface ReferenceResult {
  xgboost: { version: string; rounds: number; cvAuc: number; testAuc: number };
  logistic: { version: string; columns: number; testAuc: number };
}

/** Seed of XGBoost's CV folds and trees. */
export const REFERENCE_SEED = 7;

/** Trains and scores both reference models; throws with the script's stderr on failure. */
export async function runReference(
  csvPath: string,
  targetColumn: string,
  positiveLabel: string,
  split: PipelineSplit,
  workDir: string,
): Promise<ReferenceResult> {
  const splitPath = join(workDir, "split.json");
  await Deno.writeTextFile(splitPath, JSON.stringify(split));
  const script = new URL("../one_table.py", import.meta.url).pathname;
  const output = await new Deno.Command("/usr/bin/python3", {
    args: [script, csvPath, targetColumn, positiveLabel, splitPath, String(REFERENCE_SEED)],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) {
    throw new Error(
      `bench/one_table.py failed with code ${output.code}: ${
        new TextDecoder().decode(output.stderr).trim().split("\n").at(-1)
      }`,
    );
  }
  const result = JSON.parse(new TextDecoder().decode(output.stdout));
  return {
    xgboost: {
      version: result.xgboost.version,
      rounds: result.xgboost.rounds,
      cvAuc: result.xgboost.cv_auc,
      testAuc: result.xgboost.test_auc,
    },
    logistic: {
      version: result.logistic.version,
      columns: result.logistic.columns,
      testAuc: result.logistic.test_auc,
    },
  };
}
