/**
 * Trains the candidate pair — the GBDT and the logistic baseline beside it — on the
 * training split, exports both to ONNX and proves the exports score like the
 * TypeScript predictors before anything is written.
 */
import type { Dataset, GbdtModel, LogisticModel } from "../model/types.ts";
import { type KeyedDataset, stratifiedHoldout, takeRows } from "../model/dataset.ts";
import { predictProba, type RoundInfo, trainGbdt } from "../model/gbdt/mod.ts";
import { fitLogistic, predictLogisticProba } from "../model/logistic/mod.ts";
import {
  gbdtToOnnx,
  logisticToOnnx,
  openOnnxScorer,
  toRowMajorFloat32,
} from "../model/onnx/mod.ts";
import { summariseBinary } from "../model/metrics/mod.ts";
import { createRng } from "../random/mod.ts";
import type { TrainParams } from "./params.ts";
import { calibrateGbdt } from "./calibration.ts";

/** Everything the train stage writes. */
export interface Candidate {
  gbdt: GbdtModel;
  baseline: LogisticModel;
  gbdtOnnx: Uint8Array;
  baselineOnnx: Uint8Array;
  /** Metrics on the validation fold and the ONNX parity found. */
  metrics: Record<string, number>;
}

/** Trains, exports and checks the candidate models. */
export async function trainCandidate(
  data: KeyedDataset,
  params: TrainParams,
  onRound?: (info: RoundInfo) => void,
): Promise<Candidate> {
  const label = data.label;
  if (label === undefined) throw new RangeError("Cannot train: the training split has no target");
  const fold = stratifiedHoldout(label, params.valid_fraction, createRng(params.seed));
  const train = takeRows(data, fold.train);
  const valid = takeRows(data, fold.valid);
  const gbdt = calibrateGbdt(
    await trainGbdt(train, params.gbdt, { valid, onRound }),
    valid,
    params.calibration,
  );
  const baseline = fitLogistic(train, params.baseline);
  const gbdtOnnx = gbdtToOnnx(gbdt);
  const baselineOnnx = logisticToOnnx(baseline);
  const gbdtValid = predictProba(gbdt, valid);
  const baselineValid = predictLogisticProba(baseline, valid);
  const gbdtParity = await onnxParity(gbdtOnnx, valid, gbdtValid);
  const baselineParity = await onnxParity(baselineOnnx, valid, baselineValid);
  for (
    const [name, gap] of [["model.onnx", gbdtParity], ["baseline.onnx", baselineParity]] as const
  ) {
    if (!(gap <= params.onnx_tolerance)) {
      throw new RangeError(
        `Cannot export ${name}: ONNX and TypeScript probabilities differ by ${gap} on the validation fold (tolerance ${params.onnx_tolerance})`,
      );
    }
  }
  const validLabel = valid.label as Float64Array;
  const metrics: Record<string, number> = {
    train_rows: train.rows,
    valid_rows: valid.rows,
    trees: gbdt.trees.length,
    onnx_gbdt_max_abs_diff: gbdtParity,
    onnx_baseline_max_abs_diff: baselineParity,
  };
  for (const [prefix, scores] of [["gbdt", gbdtValid], ["baseline", baselineValid]] as const) {
    for (const [key, value] of Object.entries(summariseBinary(scores, validLabel))) {
      metrics[`valid.${prefix}.${key}`] = value;
    }
  }
  return { gbdt, baseline, gbdtOnnx, baselineOnnx, metrics };
}

/** Largest |ONNX − TypeScript| probability over the rows of `data`. */
export async function onnxParity(
  onnx: Uint8Array,
  data: Dataset,
  expected: Float64Array,
): Promise<number> {
  const scorer = await openOnnxScorer(onnx, data.columns.length);
  try {
    const got = await scorer.score(toRowMajorFloat32(data.columns, data.rows), data.rows);
    let worst = 0;
    for (let i = 0; i < data.rows; i++) {
      const gap = Math.abs(got[i] - expected[i]);
      if (!(gap <= worst)) worst = gap; // NaN propagates as a failure
    }
    return worst;
  } finally {
    await scorer.release();
  }
}
