/**
 * Imports an XGBoost JSON model (`booster.save_model("m.json")`, 1.x) into riskpipe's
 * tree format, so a team's Python-trained model can be served, exported to ONNX and
 * explained here, and XGBoost can serve as an oracle for our predictor and TreeSHAP.
 *
 * Facts of the format used here: a leaf's output is stored in `split_conditions`;
 * `left_children[n] === -1` marks a leaf; a row goes left when x < split_condition
 * (float32); `base_score` is a probability for binary:logistic, so the margin starts
 * at its log-odds. Every tree counts, as `Booster.predict` does by default.
 *
 * What riskpipe cannot reproduce is refused before the trees are read, naming the
 * feature of the model that is not supported: more than one class or target, another
 * objective, a dart or gblinear booster, categorical features or splits.
 */
import { z } from "zod";
import { formatZodIssues } from "../../json/mod.ts";
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
  categories: z.array(z.number()).optional(),
  categories_nodes: z.array(z.number().int()).optional(),
});
type XgbTree = z.infer<typeof XgbTree>;

/** The learner fields read before the booster, so unsupported models are named first. */
const XgbLearner = z.object({
  version: z.array(z.number()).optional(),
  learner: z.object({
    feature_names: z.array(z.string()).optional(),
    feature_types: z.array(z.string()).optional(),
    learner_model_param: z.object({
      base_score: z.string(),
      num_feature: z.string(),
      num_class: z.string().optional(),
      num_target: z.string().optional(),
    }),
    objective: z.object({ name: z.string() }),
    gradient_booster: z.object({ name: z.string() }).passthrough(),
  }),
});
type XgbLearner = z.infer<typeof XgbLearner>["learner"];

const XgbTrees = z.object({ model: z.object({ trees: z.array(XgbTree) }) });

/**
 * Converts XGBoost model JSON (parsed or as text) into a {@link GbdtModel}; errors start
 * "Cannot import " + `source`.
 * @example
 * ```ts
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
 * const model = importXgboostJson(JSON.stringify(json)); // e.g. Deno.readTextFile("m.json")
 * if (model.features.length !== 2) throw new Error("expected features a and b");
 * ```
 */
export function importXgboostJson(input: string | unknown, source = "XGBoost model"): GbdtModel {
  const prefix = `Cannot import ${source}`;
  const raw = typeof input === "string" ? parseJson(input, prefix) : input;
  const { version, learner } = parseOrThrow(XgbLearner, raw, [], prefix);
  refuseUnsupported(learner, prefix);
  const booster = parseOrThrow(
    XgbTrees,
    learner.gradient_booster,
    ["learner", "gradient_booster"],
    prefix,
  );
  const featureCount = Number(learner.learner_model_param.num_feature);
  const names = learner.feature_names?.length
    ? learner.feature_names
    : Array.from({ length: featureCount }, (_, j) => `f${j}`);
  const features: FeatureSpec[] = names.map((name) => ({ name, type: "numeric" }));
  const baseScore = Number(learner.learner_model_param.base_score.replace(/^\[(.*)\]$/, "$1"));
  if (!(baseScore > 0 && baseScore < 1)) {
    throw new RangeError(`${prefix}: base_score ${baseScore} is not a probability in (0, 1)`);
  }
  return {
    format: "riskpipe.gbdt",
    formatVersion: 1,
    objective: "binary:logistic",
    baseMargin: Math.log(baseScore / (1 - baseScore)),
    features,
    trees: booster.model.trees.map((tree, t) => convertTree(tree, t, names, prefix)),
    params: {
      importedFrom: "xgboost",
      xgboostVersion: version?.join("."),
      ...(learner.feature_names?.length ? {} : { featureNamesDefaulted: true }),
    },
  };
}

function refuseUnsupported(learner: XgbLearner, prefix: string): void {
  const param = learner.learner_model_param;
  const objective = learner.objective.name;
  const classes = Number(param.num_class ?? "0");
  if (classes > 1 || objective.startsWith("multi:")) {
    throw new TypeError(
      `${prefix}: multiclass models are not supported (objective "${objective}", ` +
        `num_class ${classes}): only binary:logistic`,
    );
  }
  const targets = Number(param.num_target ?? "1");
  if (targets > 1) {
    throw new TypeError(
      `${prefix}: multi-output models are not supported (num_target ${targets}): ` +
        `only binary:logistic`,
    );
  }
  if (objective !== "binary:logistic") {
    throw new TypeError(
      `${prefix}: objective "${objective}" is not supported: only binary:logistic`,
    );
  }
  const booster = learner.gradient_booster.name;
  if (booster !== "gbtree") {
    const why = booster === "dart"
      ? " (dart's dropout weights scale the trees)"
      : booster === "gblinear"
      ? " (a linear booster has no trees)"
      : "";
    throw new TypeError(`${prefix}: booster "${booster}" is not supported${why}: only gbtree`);
  }
  const categorical = (learner.feature_types ?? []).findIndex((type) => type === "c");
  if (categorical >= 0) {
    const name = learner.feature_names?.[categorical] ?? `f${categorical}`;
    throw new TypeError(
      `${prefix}: feature "${name}" is categorical (feature_types "c"): categorical ` +
        `splits are not supported; train on its integer codes without enable_categorical`,
    );
  }
}

function convertTree(tree: XgbTree, index: number, names: string[], prefix: string): Tree {
  const categorical = tree.split_type?.findIndex((type) => type !== 0) ?? -1;
  const node = categorical >= 0 ? categorical : (tree.categories_nodes?.[0] ?? -1);
  if (node >= 0 || (tree.categories?.length ?? 0) > 0) {
    const feature = names[tree.split_indices[Math.max(node, 0)]];
    throw new TypeError(
      `${prefix}: tree ${index} node ${Math.max(node, 0)} has a categorical split on ` +
        `feature "${feature}": categorical splits are not supported; train on its integer ` +
        `codes without enable_categorical`,
    );
  }
  const size = tree.left_children.length;
  const out: Tree = createEmptyTree();
  for (let n = 0; n < size; n++) {
    const isLeaf = tree.left_children[n] === -1;
    const feature = tree.split_indices[n];
    if (!isLeaf && !(feature >= 0 && feature < names.length)) {
      throw new RangeError(
        `${prefix}: tree ${index} node ${n} splits on feature ${feature}, ` +
          `but the model has ${names.length} features`,
      );
    }
    out.feature.push(isLeaf ? -1 : feature);
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

function parseJson(text: string, prefix: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(
      `${prefix}: the file is not JSON (${error instanceof Error ? error.message : error})`,
    );
  }
}

function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  at: string[],
  prefix: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new TypeError(`${prefix}: ${formatZodIssues(parsed.error.issues, at)}`);
}
