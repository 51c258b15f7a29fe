/** ONNX export of riskpipe models and scoring through onnxruntime-node. */
export { gbdtToOnnx, ONNX_INPUT, ONNX_LABEL, ONNX_PROBABILITIES } from "./tree_ensemble.ts";
export { logisticToOnnx } from "./linear.ts";
export { scorecardToOnnx } from "./scorecard.ts";
export {
  type OnnxScorer,
  type OnnxScorerOptions,
  openOnnxScorer,
  toRowMajorFloat32,
} from "./session.ts";
export { ONNX_OUTLIERS, outlierToOnnx } from "./outlier.ts";
export { type OnnxOutlierScorer, openOnnxOutlierScorer } from "./outlier_session.ts";
