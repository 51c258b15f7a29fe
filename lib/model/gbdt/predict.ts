/**
 * Scoring through the Tree format: a row goes left when Math.fround(x) < threshold and
 * to the default side when x is NaN. The margin starts at baseMargin and adds the trees
 * in order, so it equals the margin the trainer tracked.
 */
import type { Dataset, GbdtModel, Tree } from "../types.ts";

/** Margins (log-odds) of every row. */
export function predictMargin(model: GbdtModel, data: Dataset): Float64Array {
  checkWidth(model, data.columns.length);
  const margin = new Float64Array(data.rows).fill(model.baseMargin);
  for (const tree of model.trees) addTreeOutput(tree, data.columns, data.rows, margin);
  return margin;
}

/** Probabilities of the positive class for every row (after the model's calibration map). */
export function predictProba(model: GbdtModel, data: Dataset): Float64Array {
  const margin = predictMargin(model, data);
  const a = model.calibration?.a ?? 1;
  const b = model.calibration?.b ?? 0;
  for (let i = 0; i < margin.length; i++) margin[i] = sigmoid(a * margin[i] + b);
  return margin;
}

/**
 * The probability of a margin: σ(margin), or σ(a · margin + b) when the model carries a
 * Platt calibration.
 */
export function probabilityOfMargin(model: GbdtModel, margin: number): number {
  const calibration = model.calibration;
  return calibration === undefined
    ? sigmoid(margin)
    : sigmoid(calibration.a * margin + calibration.b);
}

/** Margin of one row given its feature values in model order. */
export function predictRowMargin(model: GbdtModel, values: ArrayLike<number>): number {
  checkWidth(model, values.length);
  let margin = model.baseMargin;
  for (const tree of model.trees) {
    let node = 0;
    while (tree.feature[node] >= 0) {
      const x = values[tree.feature[node]];
      const goLeft = x !== x ? tree.defaultLeft[node] : Math.fround(x) < tree.threshold[node];
      node = goLeft ? tree.left[node] : tree.right[node];
    }
    margin += tree.value[node];
  }
  return margin;
}

/** Adds one tree's leaf values to `margin`, reading raw feature columns. */
export function addTreeOutput(
  tree: Tree,
  columns: Float64Array[],
  rows: number,
  margin: Float64Array,
): void {
  const feature = Int32Array.from(tree.feature);
  const threshold = Float64Array.from(tree.threshold);
  const defaultLeft = Uint8Array.from(tree.defaultLeft, (d) => (d ? 1 : 0));
  const left = Int32Array.from(tree.left);
  const right = Int32Array.from(tree.right);
  const value = Float64Array.from(tree.value);
  for (let i = 0; i < rows; i++) {
    let node = 0;
    while (feature[node] >= 0) {
      const x = columns[feature[node]][i];
      const goLeft = x !== x ? defaultLeft[node] === 1 : Math.fround(x) < threshold[node];
      node = goLeft ? left[node] : right[node];
    }
    margin[i] += value[node];
  }
}

/** The logistic function. */
export function sigmoid(margin: number): number {
  return 1 / (1 + Math.exp(-margin));
}

function checkWidth(model: GbdtModel, width: number): void {
  if (width !== model.features.length) {
    throw new RangeError(
      `Cannot score with the GBDT model: got ${width} features, the model has ${model.features.length}`,
    );
  }
}
