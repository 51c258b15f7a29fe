/**
 * Logistic baseline → ONNX. The design the model was fitted on is rebuilt inside the
 * graph, so a client sends the same raw feature row to either model:
 *   numeric columns: Gather → Imputer (median for NaN) → Scaler ((x − mean) / scale)
 *   level columns:   Gather → Equal(code) → Cast (a NaN or unknown code gives 0)
 *   Concat → LinearClassifier.
 * The classifier gets two score rows, [0 | w] and [0 | b], under SOFTMAX: softmax of
 * (0, s) is (1 − σ(s), σ(s)), exactly the logistic probability, with no reliance on how
 * a runtime treats a single-row binary LinearClassifier.
 */
import type { LogisticModel } from "../types.ts";
import { encodeModel, floatTensor, int64Tensor, node, valueInfo } from "./proto.ts";
import { ONNX_INPUT, ONNX_LABEL, ONNX_PROBABILITIES } from "./tree_ensemble.ts";

/** Encodes a logistic model with the same inputs and outputs as {@link gbdtToOnnx}. */
export function logisticToOnnx(
  model: LogisticModel,
  metadata: Record<string, string> = {},
): Uint8Array {
  const numeric = model.design.flatMap((column, index) =>
    column.kind === "numeric" ? [{ column, index }] : []
  );
  const levels = model.design.flatMap((column, index) =>
    column.kind === "level" ? [{ column, index }] : []
  );
  const nodes = [];
  const initializers = [];
  const parts: string[] = [];
  const types = [];
  if (numeric.length > 0) {
    const shape: (number | "N")[] = ["N", numeric.length];
    types.push(
      valueInfo("numeric_raw", "float", shape),
      valueInfo("numeric_imputed", "float", shape),
      valueInfo("numeric_scaled", "float", shape),
    );
    initializers.push(
      int64Tensor("numeric_idx", numeric.map((n) => n.column.feature), [numeric.length]),
    );
    nodes.push(
      node("Gather", [ONNX_INPUT, "numeric_idx"], ["numeric_raw"], { axis: { int: 1 } }),
      node("Imputer", ["numeric_raw"], ["numeric_imputed"], {
        imputed_value_floats: { floats: numeric.map((n) => n.column.impute) },
        replaced_value_float: { float: NaN },
      }, "ai.onnx.ml"),
      node("Scaler", ["numeric_imputed"], ["numeric_scaled"], {
        offset: { floats: numeric.map((n) => n.column.mean) },
        scale: { floats: numeric.map((n) => 1 / n.column.scale) },
      }, "ai.onnx.ml"),
    );
    parts.push("numeric_scaled");
  }
  if (levels.length > 0) {
    const shape: (number | "N")[] = ["N", levels.length];
    types.push(
      valueInfo("level_raw", "float", shape),
      valueInfo("level_match", "bool", shape),
      valueInfo("level_onehot", "float", shape),
    );
    initializers.push(
      int64Tensor("level_idx", levels.map((l) => l.column.feature), [levels.length]),
      floatTensor("level_codes", levels.map((l) => l.column.code), [levels.length]),
    );
    nodes.push(
      node("Gather", [ONNX_INPUT, "level_idx"], ["level_raw"], { axis: { int: 1 } }),
      node("Equal", ["level_raw", "level_codes"], ["level_match"]),
      node("Cast", ["level_match"], ["level_onehot"], { to: { int: 1 } }),
    );
    parts.push("level_onehot");
  }
  nodes.push(node("Concat", parts, ["design"], { axis: { int: 1 } }));
  types.push(valueInfo("design", "float", ["N", numeric.length + levels.length]));
  const order = [...numeric, ...levels];
  const weights = order.map((entry) => model.coefficients[entry.index]);
  nodes.push(node("LinearClassifier", ["design"], [ONNX_LABEL, ONNX_PROBABILITIES], {
    coefficients: { floats: [...weights.map(() => 0), ...weights] },
    intercepts: { floats: [0, model.intercept] },
    classlabels_ints: { ints: [0, 1] },
    post_transform: { string: "SOFTMAX" },
  }, "ai.onnx.ml"));
  return encodeModel({
    graphName: "riskpipe_logistic",
    nodes,
    initializers,
    valueInfo: types,
    inputs: [valueInfo(ONNX_INPUT, "float", ["N", model.features.length])],
    outputs: [
      valueInfo(ONNX_LABEL, "int64", ["N"]),
      valueInfo(ONNX_PROBABILITIES, "float", ["N", 2]),
    ],
    metadata: { features: JSON.stringify(model.features.map((f) => f.name)), ...metadata },
  });
}
