/**
 * Monotone constraints as XGBoost's `hist` applies them: each node carries bounds on
 * its weight, a child's weight is clipped to its parent's bounds, and a split on a
 * constrained feature passes its children the mid-point of their weights as the bound
 * between them (the left child's upper and the right child's lower bound for an
 * increasing constraint). Splits whose children break the order are refused in
 * monotone_split.ts.
 */
import type { FeatureSpec } from "../types.ts";

/** Per feature position: 1 increasing, -1 decreasing, 0 free. */
export type MonotoneVector = Int8Array;

/**
 * The constraints by feature position, or undefined when there are none. Throws a
 * RangeError listing every name that is not a feature and every categorical feature
 * (category codes have no order to keep).
 * @example
 * ```ts
 * import { monotoneVector } from "./monotone.ts";
 * const vector = monotoneVector({ b: -1 }, [{ name: "a", type: "numeric" }, { name: "b", type: "numeric" }]);
 * if (vector?.join() !== "0,-1") throw new Error(`expected [0, -1], got ${vector}`);
 * ```
 */
export function monotoneVector(
  constraints: Readonly<Record<string, 1 | -1>>,
  features: readonly FeatureSpec[],
): MonotoneVector | undefined {
  const names = Object.keys(constraints);
  if (names.length === 0) return undefined;
  const position = new Map(features.map((feature, j) => [feature.name, j]));
  const vector = new Int8Array(features.length);
  const problems: string[] = [];
  for (const name of names.sort()) {
    const j = position.get(name);
    if (j === undefined) problems.push(`"${name}" is not a feature of the training data`);
    else if (features[j].type === "categorical") {
      problems.push(`"${name}" is categorical, its codes have no order`);
    } else vector[j] = constraints[name];
  }
  if (problems.length > 0) {
    const unknown = names.filter((name) => !position.has(name)).length;
    // All unknown: most likely the committed Home Credit constraints on another data set.
    const hint = unknown === names.length
      ? " (param train.gbdt.monotone names none of this data's features: name its columns, or set it to {})"
      : "";
    throw new RangeError(
      `Cannot train: invalid monotone constraint: ${problems.join("; ")}${hint}`,
    );
  }
  return vector;
}

/** The leaf weight −G/(H+λ), clipped to [lower, upper]. */
export function boundedWeight(
  grad: number,
  hess: number,
  lambda: number,
  lower: number,
  upper: number,
): number {
  const denominator = hess + lambda;
  // An empty node (possible with subsampling) under lambda 0 gets 0, not NaN.
  const weight = denominator > 0 ? -grad / denominator : 0;
  return weight < lower ? lower : weight > upper ? upper : weight;
}

/** Bounds of a split's two children. */
export interface ChildBounds {
  leftLower: number;
  leftUpper: number;
  rightLower: number;
  rightUpper: number;
}

/**
 * The children inherit the parent's bounds; a constrained split then puts the mid-point
 * of the children's (bounded) weights between them.
 */
export function childBounds(
  constraint: number,
  lower: number,
  upper: number,
  leftWeight: number,
  rightWeight: number,
): ChildBounds {
  const bounds = { leftLower: lower, leftUpper: upper, rightLower: lower, rightUpper: upper };
  const mid = (leftWeight + rightWeight) / 2;
  if (constraint > 0) {
    bounds.leftUpper = mid;
    bounds.rightLower = mid;
  } else if (constraint < 0) {
    bounds.leftLower = mid;
    bounds.rightUpper = mid;
  }
  return bounds;
}
