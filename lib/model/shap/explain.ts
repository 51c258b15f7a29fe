/**
 * Per-row explanations in plain words: the features pushing risk up and down most,
 * and one sentence a loan officer can read.
 */
import type { FeatureSpec, GbdtModel } from "../types.ts";
import { treeShap } from "./tree_shap.ts";
import { sigmoid } from "../gbdt/predict.ts";

/** One feature's push on a row's risk, in margin (log-odds) units. */
export interface Contribution {
  feature: number;
  name: string;
  /** The row's raw value; null when missing. */
  value: number | null;
  /** The value as a reader sees it: a category's level, "missing", or the number. */
  display: string;
  shap: number;
}

/** Why a row scored as it did. */
export interface RowExplanation {
  expectedValue: number;
  margin: number;
  /** The model's probability of `margin` (after its calibration map, when it has one). */
  probability: number;
  /** The model's probability of `expectedValue`. */
  baselineProbability: number;
  /**
   * Present when a calibration map follows the trees: the SHAP values (and margins) are
   * in the trees' log-odds, and the probability is this map of their sum.
   */
  calibration?: string;
  /** Every feature's SHAP value (feature order): what principal reasons are grouped from. */
  contributions: ArrayLike<number>;
  /** Up to `top` features with positive SHAP, largest first. */
  up: Contribution[];
  /** Up to `top` features with negative SHAP, most negative first. */
  down: Contribution[];
  summary: string;
}

/**
 * Explains one row (values indexed by feature, NaN = missing).
 * @example
 * ```ts
 * import { explainRow } from "./explain.ts";
 * import { trainGbdt } from "../gbdt/train.ts";
 * import { makeSyntheticDataset } from "../gbdt/synthetic.ts";
 * const train = makeSyntheticDataset({ rows: 100, features: 3, seed: 1 });
 * const model = await trainGbdt(train, { max_depth: 2, n_rounds: 5 });
 * // "Estimated risk 23.1% against a baseline of 8.0%: raised most by …"
 * const { summary } = explainRow(model, train.columns.map((column) => column[0]));
 * if (!summary.startsWith("Estimated risk")) throw new Error(summary);
 * ```
 */
export function explainRow(
  model: GbdtModel,
  values: ArrayLike<number>,
  features: FeatureSpec[] = model.features,
  top = 3,
): RowExplanation {
  const { expectedValue, shap } = treeShap(model, values);
  return explainContributions(expectedValue, shap, values, features, top, model.calibration);
}

/**
 * Reasons and the sentence from any additive explanation: `shap[j]` is feature j's push
 * in margin units and `expectedValue` the baseline margin (TreeSHAP or a linear model's);
 * a GBDT's Platt map, when it has one, turns margins into probabilities.
 */
export function explainContributions(
  expectedValue: number,
  shap: ArrayLike<number>,
  values: ArrayLike<number>,
  features: FeatureSpec[],
  top = 3,
  map?: GbdtModel["calibration"],
): RowExplanation {
  let margin = expectedValue;
  for (let j = 0; j < shap.length; j++) margin += shap[j];
  const contributing: number[] = [];
  for (let j = 0; j < shap.length; j++) if (shap[j] !== 0) contributing.push(j);
  // Only the reasons shown are formatted (a display value per feature cost more than the sort).
  const reasons = (order: (a: number, b: number) => number) =>
    contributing.filter((j) => order(shap[j], 0) < 0)
      .sort((a, b) => order(shap[a], shap[b]) || a - b).slice(0, top)
      .map((j): Contribution => {
        const value = Number.isNaN(values[j]) ? null : values[j];
        const display = displayValue(features[j], value);
        return { feature: j, name: features[j].name, value, display, shap: shap[j] };
      });
  const up = reasons((a, b) => b - a);
  const down = reasons((a, b) => a - b);
  const toProbability = (m: number) => sigmoid(map === undefined ? m : map.a * m + map.b);
  const probability = toProbability(margin);
  const baselineProbability = toProbability(expectedValue);
  return {
    expectedValue,
    margin,
    probability,
    baselineProbability,
    ...(map === undefined ? {} : {
      calibration: `SHAP values are in the trees' log-odds; the probability is ${
        calibrationFormula(map.a, map.b)
      } (Platt scaling, fitted on the ${map.fittedOn})`,
    }),
    contributions: shap,
    up,
    down,
    summary: summarise(probability, baselineProbability, up, down),
  };
}

function summarise(
  probability: number,
  baseline: number,
  up: Contribution[],
  down: Contribution[],
): string {
  const head = `Estimated risk ${percent(probability)} against a baseline of ${percent(baseline)}`;
  const raised = up.length > 0 ? `raised most by ${listOf(up)}` : "raised by no feature";
  const lowered = down.length > 0 ? `lowered most by ${listOf(down)}` : "lowered by no feature";
  return `${head}: ${raised}; ${lowered}.`;
}

function listOf(contributions: Contribution[]): string {
  const parts = contributions.map((c) => `${c.name} = ${c.display}`);
  if (parts.length === 1) return parts[0];
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

function displayValue(spec: FeatureSpec, value: number | null): string {
  if (value === null) return "missing";
  if (spec.type === "categorical") return spec.levels?.[value] ?? `unknown level ${value}`;
  if (spec.type === "boolean") return value === 1 ? "yes" : "no";
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

function percent(p: number): string {
  return `${(100 * p).toFixed(1)}%`;
}

function calibrationFormula(a: number, b: number): string {
  const sign = b < 0 ? "−" : "+";
  return `σ(${Number(a.toPrecision(6))} · margin ${sign} ${Number(Math.abs(b).toPrecision(6))})`;
}
