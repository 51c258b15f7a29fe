/**
 * Puts an imported model's features in a feature manifest's order. XGBoost numbers
 * features by its own `feature_names`; a riskpipe version scores vectors laid out as
 * its manifest says, so every split is renumbered by name and the model takes the
 * manifest's feature specs (types and levels). The two name sets must be equal.
 */
import type { FeatureSpec, GbdtModel } from "../types.ts";

/** Names listed in a mismatch message before "and N more". */
const SHOWN = 5;

/**
 * Returns `model` over `features` (same names, any order), or throws naming the
 * features only one side has; `manifestName` says where `features` came from.
 * @example
 * ```ts
 * import { alignToFeatures } from "./align.ts";
 * import { importXgboostJson } from "./import.ts";
 * // A one-stump XGBoost 1.7 model on "b": b < 0.5 → -0.4, else 0.6.
 * const tree = {
 *   left_children: [1, -1, -1],
 *   right_children: [2, -1, -1],
 *   split_indices: [1, 0, 0],
 *   split_conditions: [0.5, -0.4, 0.6],
 *   default_left: [1, 0, 0],
 *   sum_hessian: [10, 4, 6],
 *   loss_changes: [3, 0, 0],
 *   split_type: [0, 0, 0],
 *   categories: [],
 *   categories_nodes: [],
 *   categories_segments: [],
 *   categories_sizes: [],
 * };
 * const json = {
 *   version: [1, 7, 4],
 *   learner: {
 *     feature_names: ["a", "b"],
 *     feature_types: ["float", "float"],
 *     learner_model_param: { base_score: "5E-1", num_class: "0", num_feature: "2", num_target: "1" },
 *     objective: { name: "binary:logistic" },
 *     gradient_booster: { name: "gbtree", model: { trees: [tree] } },
 *   },
 * };
 * const features = [{ name: "b", type: "numeric" as const }, { name: "a", type: "numeric" as const }];
 * const served = alignToFeatures(importXgboostJson(json), features, "v0001");
 * if (served.features[0].name !== "b") throw new Error("expected the manifest's order");
 * ```
 */
export function alignToFeatures(
  model: GbdtModel,
  features: readonly FeatureSpec[],
  manifestName: string,
): GbdtModel {
  const position = new Map(features.map((f, j) => [f.name, j]));
  const modelNames = model.features.map((f) => f.name);
  const duplicate = modelNames.find((name, j) => modelNames.indexOf(name) !== j);
  if (duplicate !== undefined) {
    throw new RangeError(`Cannot align the model: feature "${duplicate}" appears twice`);
  }
  const unknown = modelNames.filter((name) => !position.has(name));
  const inModel = new Set(modelNames);
  const absent = features.map((f) => f.name).filter((name) => !inModel.has(name));
  if (unknown.length > 0 || absent.length > 0) {
    const parts = [];
    if (unknown.length > 0) parts.push(`not in the manifest: ${list(unknown)}`);
    if (absent.length > 0) parts.push(`in the manifest but not in the model: ${list(absent)}`);
    const hint = model.params.featureNamesDefaulted === true
      ? " (the model has no feature_names: train it on a DMatrix whose feature_names are " +
        "the manifest's)"
      : "";
    throw new RangeError(
      `Cannot align the model to the feature manifest of ${manifestName}: feature names ` +
        `disagree: ${parts.join("; ")}${hint}`,
    );
  }
  const renumber = modelNames.map((name) => position.get(name)!);
  return {
    ...model,
    features: features.map(({ name, type, levels }) =>
      levels === undefined ? { name, type } : { name, type, levels }
    ),
    trees: model.trees.map((tree) => ({
      ...tree,
      feature: tree.feature.map((j) => (j < 0 ? j : renumber[j])),
    })),
  };
}

function list(names: string[]): string {
  const shown = names.slice(0, SHOWN).map((name) => `"${name}"`).join(", ");
  return names.length > SHOWN ? `${shown} and ${names.length - SHOWN} more` : shown;
}
