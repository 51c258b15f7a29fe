/**
 * Per-row explanations in plain words: the features pushing risk up and down most,
 * and one sentence a loan officer can read.
 */
import type { FeatureSpec, GbdtModel } from "../types.ts";
import { treeShap } from "./tree_shap.ts";

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
  probability: number;
  /** Up to `top` features with positive SHAP, largest first. */
  up: Contribution[];
  /** Up to `top` features with negative SHAP, most negative first. */
  down: Contribution[];
  summary: string;
}

/**
 * Explains one row (values indexed by feature, NaN = missing).
 * @example
 * explainRow(model, row).summary;
 * // "Estimated risk 23.1% against a baseline of 8.0%: raised most by EXT_SOURCE_3 = 0.1 …"
 */
export function explainRow(
  model: GbdtModel,
  values: ArrayLike<number>,
  features: FeatureSpec[] = model.features,
  top = 3,
): RowExplanation {
  const { expectedValue, shap } = treeShap(model, values);
  return explainContributions(expectedValue, shap, values, features, top);
}

/**
 * Reasons and the sentence from any additive explanation: `shap[j]` is feature j's push
 * in margin units and `expectedValue` the baseline margin (TreeSHAP or a linear model's).
 */
export function explainContributions(
  expectedValue: number,
  shap: ArrayLike<number>,
  values: ArrayLike<number>,
  features: FeatureSpec[],
  top = 3,
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
  const probability = sigmoid(margin);
  return {
    expectedValue,
    margin,
    probability,
    up,
    down,
    summary: summarise(probability, sigmoid(expectedValue), up, down),
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

function sigmoid(margin: number): number {
  return 1 / (1 + Math.exp(-margin));
}
