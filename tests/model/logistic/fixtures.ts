/** Small hand-written data for the logistic baseline's tests. */
import { designValue } from "../../../lib/model/logistic/mod.ts";
import type { Dataset, LogisticModel } from "../../../lib/model/types.ts";

/** 12 rows: x1 with two missing values, a 0/1 flag, a three-level grade with one missing. */
export function tinyDataset(): Dataset {
  return {
    features: [
      { name: "x1", type: "numeric" },
      { name: "flag", type: "boolean" },
      { name: "grade", type: "categorical", levels: ["a", "b", "c"] },
    ],
    columns: [
      Float64Array.of(1, 2, NaN, 4, 5.5, 3, 0.5, NaN, 6, 2.5, 7, 1.5),
      Float64Array.of(0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0),
      Float64Array.of(0, 1, 2, 0, 1, NaN, 0, 2, 1, 0, 1, 0),
    ],
    rows: 12,
    label: Float64Array.of(0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1),
  };
}

/** Each row's dense design vector (intercept last) and label, via designValue. */
export function designRowsOf(
  model: LogisticModel,
  data: Dataset,
): { values: number[]; y: number }[] {
  return Array.from({ length: data.rows }, (_, i) => {
    const row = data.columns.map((column) => column[i]);
    return {
      values: [...model.design.map((column) => designValue(column, row)), 1],
      y: data.label![i],
    };
  });
}
