/**
 * Scores rows with an exported model through onnxruntime-node. Inputs are converted
 * to float32, as the graph declares; NaN stays NaN and means missing.
 */
import * as ort from "onnxruntime-node";
import { ONNX_INPUT, ONNX_PROBABILITIES } from "./tree_ensemble.ts";

/** A loaded ONNX model that returns the probability of default per row. */
export interface OnnxScorer {
  /** Number of features each row must have. */
  readonly featureCount: number;
  /** Scores `rows` rows laid out row-major in `values` (length rows × featureCount). */
  score(values: Float32Array, rows: number): Promise<Float32Array>;
  /** Frees the native session. */
  release(): Promise<void>;
}

/** Options for {@link openOnnxScorer}. */
export interface OnnxScorerOptions {
  /** Threads inside one run (onnxruntime's intra-op pool); 1 suits many concurrent sessions. */
  intraOpThreads?: number;
}

/** Loads an ONNX model from bytes. */
export async function openOnnxScorer(
  bytes: Uint8Array,
  featureCount: number,
  options: OnnxScorerOptions = {},
): Promise<OnnxScorer> {
  const session = await ort.InferenceSession.create(bytes, {
    intraOpNumThreads: options.intraOpThreads ?? 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: "all",
  });
  return {
    featureCount,
    async score(values, rows) {
      if (values.length !== rows * featureCount) {
        throw new RangeError(
          `Cannot score: expected ${rows} × ${featureCount} values, got ${values.length}`,
        );
      }
      const input = new ort.Tensor("float32", values, [rows, featureCount]);
      const result = await session.run({ [ONNX_INPUT]: input }, [ONNX_PROBABILITIES]);
      const probabilities = result[ONNX_PROBABILITIES].data as Float32Array;
      const positive = new Float32Array(rows);
      for (let i = 0; i < rows; i++) positive[i] = probabilities[2 * i + 1];
      return positive;
    },
    release: () => session.release(),
  };
}

/** Lays out a column-major dataset as the row-major float32 block ONNX expects. */
export function toRowMajorFloat32(columns: Float64Array[], rows: number): Float32Array {
  const width = columns.length;
  const out = new Float32Array(rows * width);
  for (let j = 0; j < width; j++) {
    const column = columns[j];
    for (let i = 0; i < rows; i++) out[i * width + j] = column[i];
  }
  return out;
}
