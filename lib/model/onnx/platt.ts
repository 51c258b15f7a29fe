/**
 * Platt scaling as ONNX nodes appended after the tree ensemble's margin output: from the
 * margin m [N, 1] to probabilities [1 − p, p] with p = σ(a · m + b), and the label
 * p > 0.5. Core operators only (Mul, Add, Sigmoid, Sub, Concat, Greater, Squeeze, Cast),
 * so onnxruntime and the checker know every one.
 */
import type { PlattCalibration } from "../types.ts";
import { floatTensor, int64Tensor, node, valueInfo } from "./proto.ts";
import type onnxProto from "onnx-proto";

/** Nodes, constants and intermediate types that `gbdtToOnnx` splices in. */
export interface PlattGraph {
  nodes: onnxProto.onnx.INodeProto[];
  initializers: onnxProto.onnx.ITensorProto[];
  valueInfo: onnxProto.onnx.IValueInfoProto[];
}

/** The calibration nodes reading the ensemble's `margin` [N, 1], writing `label` and `probabilities`. */
export function plattNodes(
  calibration: PlattCalibration,
  margin: string,
  label: string,
  probabilities: string,
): PlattGraph {
  const column: (number | "N")[] = ["N", 1];
  return {
    initializers: [
      floatTensor("platt_a", [calibration.a], []),
      floatTensor("platt_b", [calibration.b], []),
      floatTensor("platt_one", [1], []),
      floatTensor("platt_half", [0.5], []),
      int64Tensor("platt_column_axis", [1], [1]),
    ],
    nodes: [
      node("Mul", [margin, "platt_a"], ["platt_scaled"]),
      node("Add", ["platt_scaled", "platt_b"], ["platt_z"]),
      node("Sigmoid", ["platt_z"], ["platt_p"]),
      node("Sub", ["platt_one", "platt_p"], ["platt_q"]),
      node("Concat", ["platt_q", "platt_p"], [probabilities], { axis: { int: 1 } }),
      node("Greater", ["platt_p", "platt_half"], ["platt_positive"]),
      node("Squeeze", ["platt_positive", "platt_column_axis"], ["platt_positive_row"]),
      node("Cast", ["platt_positive_row"], [label], { to: { int: 7 } }), // INT64
    ],
    valueInfo: [
      valueInfo(margin, "float", column),
      ...["platt_scaled", "platt_z", "platt_p", "platt_q"].map((name) =>
        valueInfo(name, "float", column)
      ),
      valueInfo("platt_positive", "bool", column),
      valueInfo("platt_positive_row", "bool", ["N"]),
    ],
  };
}
