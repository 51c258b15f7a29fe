/**
 * The logistic model's design: numeric and boolean features median-imputed and
 * standardised, categoricals one-hot over their levels (a missing or unknown code
 * gives all-zero indicators). Derived from the training data, applied to any row.
 */
import type { Dataset, DesignColumn, FeatureSpec } from "../types.ts";

/** Design columns for `train`, in feature order (a categorical's levels in code order). */
export function buildDesign(train: Dataset): DesignColumn[] {
  const design: DesignColumn[] = [];
  train.features.forEach((spec, feature) => {
    if (spec.type === "categorical") {
      if (!spec.levels) {
        throw new TypeError(
          `Cannot build logistic design: categorical feature "${spec.name}" has no levels`,
        );
      }
      spec.levels.forEach((_, code) => design.push({ kind: "level", feature, code }));
      return;
    }
    design.push(numericColumn(train.columns[feature], feature));
  });
  return design;
}

/** Value of design column `column` for a row (values indexed by feature, NaN = missing). */
export function designValue(column: DesignColumn, values: ArrayLike<number>): number {
  const x = values[column.feature];
  if (column.kind === "level") return x === column.code ? 1 : 0;
  return ((Number.isNaN(x) ? column.impute : x) - column.mean) / column.scale;
}

/** Throws unless `actual` lists the same feature names as `expected`, in order. */
export function assertSameFeatures(
  action: string,
  expected: FeatureSpec[],
  actual: FeatureSpec[],
): void {
  if (expected.length !== actual.length) {
    throw new RangeError(
      `Cannot ${action}: data has ${actual.length} features but the model has ${expected.length}`,
    );
  }
  expected.forEach((spec, j) => {
    if (spec.name !== actual[j].name) {
      throw new RangeError(
        `Cannot ${action}: feature ${j} is "${
          actual[j].name
        }" but the model expects "${spec.name}"`,
      );
    }
  });
}

/** Median of the observed values, then mean and population scale after imputing it. */
function numericColumn(values: Float64Array, feature: number): DesignColumn {
  const observed = values.filter((x) => !Number.isNaN(x)).sort();
  if (observed.length === 0) return { kind: "numeric", feature, impute: 0, mean: 0, scale: 1 };
  const middle = observed.length >> 1;
  const impute = observed.length % 2 === 1
    ? observed[middle]
    : (observed[middle - 1] + observed[middle]) / 2;
  let sum = 0;
  for (const x of values) sum += Number.isNaN(x) ? impute : x;
  const mean = sum / values.length;
  let squares = 0;
  for (const x of values) squares += ((Number.isNaN(x) ? impute : x) - mean) ** 2;
  const scale = Math.sqrt(squares / values.length);
  // A constant column carries no signal; scale 1 keeps it at zero, as sklearn does.
  return { kind: "numeric", feature, impute, mean, scale: scale > 0 ? scale : 1 };
}
