/**
 * The logistic model's design: numeric and boolean features median-imputed and
 * standardised, categoricals one-hot over their levels (a missing or unknown code
 * gives all-zero indicators). Derived from the training data, applied to any row.
 */
import type { Dataset, DesignColumn, FeatureSpec } from "../types.ts";

/** A numeric design column's imputed value (the median), mean and scale. */
export interface NumericStats {
  impute: number;
  mean: number;
  scale: number;
}

/**
 * Design columns for `train`, in feature order (a categorical's levels in code order).
 * `statsOf` gives a numeric feature's stats when they were computed elsewhere (by the
 * same numericStats, so the design is the same).
 */
export function buildDesign(
  train: Dataset,
  statsOf: (feature: number) => NumericStats = (feature) => numericStats(train.columns[feature]),
): DesignColumn[] {
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
    design.push({ kind: "numeric", feature, ...statsOf(feature) });
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

/**
 * The median of the observed (non-NaN) values, then the mean and population scale after
 * imputing it, over values[offset + k·stride] for k < count (a whole column by default).
 */
export function numericStats(
  values: Float64Array,
  offset = 0,
  stride = 1,
  count = values.length,
): NumericStats {
  const impute = stridedMedian(values, offset, stride, count);
  if (impute === undefined) return { impute: 0, mean: 0, scale: 1 };
  const end = offset + count * stride;
  let sum = 0;
  for (let i = offset; i < end; i += stride) sum += Number.isNaN(values[i]) ? impute : values[i];
  const mean = sum / count;
  let squares = 0;
  for (let i = offset; i < end; i += stride) {
    squares += ((Number.isNaN(values[i]) ? impute : values[i]) - mean) ** 2;
  }
  const scale = Math.sqrt(squares / count);
  // A constant column carries no signal; scale 1 keeps it at zero, as sklearn does.
  return { impute, mean, scale: scale > 0 ? scale : 1 };
}

/**
 * The median of the non-NaN values (the mean of the middle two for an even count), by
 * selection rather than a sort: linear time, the same value. Undefined when all are NaN.
 */
export function medianOfObserved(values: Float64Array): number | undefined {
  return stridedMedian(values, 0, 1, values.length);
}

function stridedMedian(
  values: Float64Array,
  offset: number,
  stride: number,
  length: number,
): number | undefined {
  const copy = new Float64Array(length);
  let count = 0;
  const end = offset + length * stride;
  for (let i = offset; i < end; i += stride) {
    const x = values[i];
    if (!Number.isNaN(x)) copy[count++] = x;
  }
  if (count === 0) return undefined;
  const observed = copy.subarray(0, count);
  const middle = observed.length >> 1;
  const upper = selectInPlace(observed, middle);
  if (observed.length % 2 === 1) return upper;
  // Selection leaves the `middle` smallest values before index `middle`.
  let lower = observed[0];
  for (let i = 1; i < middle; i++) if (observed[i] > lower) lower = observed[i];
  return (lower + upper) / 2;
}

/** The k-th smallest of `a` (Hoare's selection), leaving the k smallest before index k. */
function selectInPlace(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const x = a[lo], y = a[(lo + hi) >> 1], z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const swap = a[i];
        a[i++] = a[j];
        a[j--] = swap;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}
