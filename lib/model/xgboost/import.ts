/**
 * Imports an XGBoost JSON model (`booster.save_model("m.json")`, 1.x) into riskpipe's
 * tree format, so a team's Python-trained model can be served, exported to ONNX and
 * explained here, and XGBoost can serve as an oracle for our predictor and TreeSHAP.
 *
 * Facts of the format used here: a leaf's output is stored in `split_conditions`;
 * `left_children[n] === -1` marks a leaf; a row goes left when x < split_condition
 * (float32); `base_score` is a probability for binary:logistic, so the margin starts
 * at its log-odds.
 */
import { z } from "zod";
import type { FeatureSpec, GbdtModel, Tree } from "../types.ts";
import { createEmptyTree } from "../tree.ts";

const XgbTree = z.object({
  left_children: z.array(z.number().int()),
  right_children: z.array(z.number().int()),
  split_indices: z.array(z.number().int()),
  split_conditions: z.array(z.number()),
  default_left: z.array(z.union([z.number(), z.boolean()])),
  sum_hessian: z.array(z.number()),
  loss_changes: z.array(z.number()),
  split_type: z.array(z.number().int()).optional(),
});

const XgbModel = z.object({
  version: z.array(z.number()).optional(),
  learner: z.object({
    feature_names: z.array(z.string()).optional(),
    learner_model_param: z.object({ base_score: z.string(), num_feature: z.string() }),
    objective: z.object({ name: z.string() }),
    gradient_booster: z.object({
      name: z.string(),
      model: z.object({ trees: z.array(XgbTree) }),
    }),
  }),
});

/**
 * Converts XGBoost model JSON (parsed or as text) into a {@link GbdtModel}.
 * @example
 * const model = importXgboostJson(await Deno.readTextFile("m.json"));
 */
export function importXgboostJson(input: string | unknown): GbdtModel {
  const raw = typeof input === "string" ? JSON.parse(input) : input;
  const parsed = XgbModel.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(
      `Cannot import XGBoost model: field "${issue.path.join(".")}": ${issue.message}`,
    );
  }
  const learner = parsed.data.learner;
  if (learner.objective.name !== "binary:logistic") {
    throw new TypeError(
      `Cannot import XGBoost model: objective "${learner.objective.name}" is not binary:logistic`,
    );
  }
  if (learner.gradient_booster.name !== "gbtree") {
    throw new TypeError(
      `Cannot import XGBoost model: booster "${learner.gradient_booster.name}" is not gbtree`,
    );
  }
  const featureCount = Number(learner.learner_model_param.num_feature);
  const names = learner.feature_names?.length
    ? learner.feature_names
    : Array.from({ length: featureCount }, (_, j) => `f${j}`);
  const features: FeatureSpec[] = names.map((name) => ({ name, type: "numeric" }));
  const baseScore = Number(learner.learner_model_param.base_score);
  if (!(baseScore > 0 && baseScore < 1)) {
    throw new RangeError(
      `Cannot import XGBoost model: base_score ${baseScore} is not a probability in (0, 1)`,
    );
  }
  return {
    format: "riskpipe.gbdt",
    formatVersion: 1,
    objective: "binary:logistic",
    baseMargin: Math.log(baseScore / (1 - baseScore)),
    features,
    trees: learner.gradient_booster.model.trees.map((tree, t) => convertTree(tree, t)),
    params: { importedFrom: "xgboost", xgboostVersion: parsed.data.version?.join(".") },
  };
}

function convertTree(tree: z.infer<typeof XgbTree>, index: number): Tree {
  if (tree.split_type?.some((type) => type !== 0)) {
    throw new TypeError(
      `Cannot import XGBoost model: tree ${index} has categorical splits, which are not supported`,
    );
  }
  const size = tree.left_children.length;
  const out: Tree = createEmptyTree();
  for (let n = 0; n < size; n++) {
    const isLeaf = tree.left_children[n] === -1;
    out.feature.push(isLeaf ? -1 : tree.split_indices[n]);
    out.threshold.push(isLeaf ? 0 : Math.fround(tree.split_conditions[n]));
    out.defaultLeft.push(!isLeaf && Boolean(tree.default_left[n]));
    out.left.push(isLeaf ? -1 : tree.left_children[n]);
    out.right.push(isLeaf ? -1 : tree.right_children[n]);
    out.value.push(isLeaf ? tree.split_conditions[n] : 0);
    out.cover.push(tree.sum_hessian[n]);
    out.gain.push(isLeaf ? 0 : tree.loss_changes[n]);
  }
  return out;
}
