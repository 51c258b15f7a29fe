/**
 * The outlier model of a candidate (`train.outliers`): fitted on the training split's
 * features, exported to ONNX and proved to score like the TypeScript scorer before
 * anything is written.
 */
import type { Dataset } from "../model/types.ts";
import { takeRows } from "../model/dataset.ts";
import { fitOutlierModel, type OutlierModel, scoreOutliers } from "../model/outlier/mod.ts";
import type { OutlierParams } from "../model/outlier/params.ts";
import { openOnnxOutlierScorer, outlierToOnnx, toRowMajorFloat32 } from "../model/onnx/mod.ts";

/** Rows the ONNX parity is checked on (the first rows of the training split). */
const PARITY_ROWS = 2048;

/** The fitted outlier model, its ONNX bytes and the parity found. */
export interface TrainedOutliers {
  model: OutlierModel;
  onnx: Uint8Array;
  /**
   * Largest |ONNX − TypeScript| isolation score, and distance gap relative to
   * max(1, distance), on the check rows.
   */
  parity: { score: number; distance: number };
}

/**
 * Fits, exports and checks the outlier model; undefined when `train.outliers.enabled` is
 * false. Throws a RangeError naming the gap when the export does not match.
 */
export async function trainOutliers(
  data: Dataset,
  params: OutlierParams,
  tolerance: number,
): Promise<TrainedOutliers | undefined> {
  if (!params.enabled) return undefined;
  const model = fitOutlierModel(data, params);
  const onnx = outlierToOnnx(model);
  const check = takeRows(
    data,
    Uint32Array.from({ length: Math.min(PARITY_ROWS, data.rows) }, (_, i) => i),
  );
  const parity = await outlierParity(model, onnx, check);
  for (const [what, gap] of Object.entries(parity)) {
    if (!(gap <= tolerance)) {
      throw new RangeError(
        `Cannot export outliers.onnx: ONNX and TypeScript ${what} differ by ${gap} on the training split (tolerance ${tolerance})`,
      );
    }
  }
  return { model, onnx, parity };
}

/** Largest gaps between the ONNX graph and the TypeScript scorer over `data`'s rows. */
export async function outlierParity(
  model: OutlierModel,
  onnx: Uint8Array,
  data: Dataset,
): Promise<TrainedOutliers["parity"]> {
  const scorer = await openOnnxOutlierScorer(onnx, data.columns.length);
  try {
    const got = await scorer.score(toRowMajorFloat32(data.columns, data.rows), data.rows);
    const expected = scoreOutliers(model, data);
    let score = 0;
    let distance = 0;
    for (let i = 0; i < data.rows; i++) {
      const e = expected[i];
      const scoreGap = Math.abs(got[2 * i] - e.score);
      const distanceGap = Math.abs(got[2 * i + 1] - (e.distance ?? 0)) /
        Math.max(1, e.distance ?? 0);
      // NaN propagates as a failure.
      if (!(scoreGap <= score)) score = scoreGap;
      if (!(distanceGap <= distance)) distance = distanceGap;
    }
    return { score, distance };
  } finally {
    await scorer.release();
  }
}
