/**
 * A version's outlier model for serving: outliers.json (thresholds) and outliers.onnx,
 * loaded with the version. A request of a few rows is scored in TypeScript
 * (lib/model/outlier/row_scorer.ts): a second onnxruntime run per request cost more than
 * the arithmetic (+110% of /predict's CPU); larger batches go through onnxruntime, as the
 * model does, where its fixed cost is spread over the rows. The two agree within 1e-6
 * (the export's parity check; tests/scoring/outliers_test.ts). A version
 * registered before outlier detection (or with `train.outliers.enabled: false`) has
 * neither file and serves without outlier fields.
 */
import { join } from "node:path";
import { flagOf, type OutlierModel, type OutlierScore } from "../model/outlier/mod.ts";
import {
  OUTLIER_MODEL_FILE,
  OUTLIER_ONNX_FILE,
  outlierModelFromJson,
} from "../model/outlier/serialize.ts";
import { type OnnxOutlierScorer, openOnnxOutlierScorer } from "../model/onnx/mod.ts";
import { compileOutlierRowScorer, type OutlierRowScorer } from "../model/outlier/row_scorer.ts";
import type { VersionInfo } from "../registry/mod.ts";

/**
 * Requests of at most this many rows are scored in TypeScript, larger ones by onnxruntime.
 * Measured on the default repro's model: a lone onnxruntime run costs ~35 µs CPU, ~4 µs a
 * row from 64 rows on; the TypeScript path ~10–12 µs a row, so they cross at about 4 rows.
 */
export const TYPESCRIPT_OUTLIER_ROWS = 4;

/** Scores rows for outliers with one version's graph. */
export interface ServingOutliers {
  readonly model: OutlierModel;
  /**
   * Scores `rows` row-major feature vectors (NaN = missing). The values are copied before
   * the call returns, so the caller may reuse its buffer at once.
   */
  score(values: Float64Array | Float32Array, rows: number): Promise<OutlierScore[]>;
  release(): Promise<void>;
}

/** The version's outlier scorer; undefined when it has no outlier files. */
export async function loadServingOutliers(
  record: VersionInfo,
  featureCount: number,
): Promise<ServingOutliers | undefined> {
  const has = (name: string) => name in record.artifacts;
  if (!has(OUTLIER_MODEL_FILE) || !has(OUTLIER_ONNX_FILE)) return undefined;
  const path = join(record.dir, OUTLIER_MODEL_FILE);
  const model = outlierModelFromJson(await Deno.readTextFile(path));
  if (model.features.length !== featureCount) {
    throw new RangeError(
      `Cannot load ${path}: it has ${model.features.length} features, the model ${featureCount}`,
    );
  }
  const onnx = await openOnnxOutlierScorer(
    await Deno.readFile(join(record.dir, OUTLIER_ONNX_FILE)),
    featureCount,
  );
  const rowScorer = compileOutlierRowScorer(model);
  return {
    model,
    score(values, rows) {
      if (rows > TYPESCRIPT_OUTLIER_ROWS) {
        return scoreWith(model, onnx, Float32Array.from(values), rows);
      }
      try {
        return Promise.resolve(scoreInTypeScript(model, rowScorer, values, rows));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    release: () => onnx.release(),
  };
}

async function scoreWith(
  model: OutlierModel,
  onnx: OnnxOutlierScorer,
  values: Float32Array,
  rows: number,
): Promise<OutlierScore[]> {
  const out = await onnx.score(values, rows);
  const hasDistance = model.mahalanobis !== undefined;
  const scores: OutlierScore[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    scores[i] = flagOf(model, out[2 * i], hasDistance ? out[2 * i + 1] : null);
  }
  return scores;
}

const pair = new Float64Array(2);

function scoreInTypeScript(
  model: OutlierModel,
  scorer: OutlierRowScorer,
  values: Float64Array | Float32Array,
  rows: number,
): OutlierScore[] {
  const width = model.features.length;
  if (values.length !== rows * width) {
    throw new RangeError(
      `Cannot score outliers: expected ${rows} × ${width} values, got ${values.length}`,
    );
  }
  const hasDistance = model.mahalanobis !== undefined;
  const scores: OutlierScore[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    scorer.scoreInto(values, i * width, pair);
    scores[i] = flagOf(model, pair[0], hasDistance ? pair[1] : null);
  }
  return scores;
}
