/** Scores rows with an exported outlier model (outlier.ts) through onnxruntime-node. */
import * as ort from "onnxruntime-node";
import { ONNX_INPUT } from "./tree_ensemble.ts";
import { ONNX_OUTLIERS } from "./outlier.ts";

/** A loaded outlier graph. */
export interface OnnxOutlierScorer {
  readonly featureCount: number;
  /**
   * Scores `rows` row-major rows (float32, NaN = missing): per row the isolation score
   * and the distance, interleaved ([s₀, d₀, s₁, d₁, …]).
   */
  score(values: Float32Array, rows: number): Promise<Float64Array>;
  /** Frees the native session. */
  release(): Promise<void>;
}

/** Loads an outlier graph from bytes (one intra-op thread, as the model's session). */
export async function openOnnxOutlierScorer(
  bytes: Uint8Array,
  featureCount: number,
): Promise<OnnxOutlierScorer> {
  const session = await ort.InferenceSession.create(bytes, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: "all",
  });
  return {
    featureCount,
    async score(values, rows) {
      if (values.length !== rows * featureCount) {
        throw new RangeError(
          `Cannot score outliers: expected ${rows} × ${featureCount} values, got ${values.length}`,
        );
      }
      const input = new ort.Tensor("float32", values, [rows, featureCount]);
      const result = await session.run({ [ONNX_INPUT]: input }, [ONNX_OUTLIERS]);
      return result[ONNX_OUTLIERS].data as Float64Array;
    },
    release: () => session.release(),
  };
}
