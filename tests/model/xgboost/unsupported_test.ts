import assert from "node:assert/strict";
import { importXgboostBytes } from "../../../lib/model/xgboost/mod.ts";

// A hand-made XGBoost 1.7 JSON model: one stump on "b" (b < 0.5 → -0.4, else 0.6).
// Loosely typed on purpose: each test rewrites part of it into another model's shape.
// deno-lint-ignore no-explicit-any
function tinyModel(): Record<string, any> {
  return {
    version: [1, 7, 4],
    learner: {
      feature_names: ["a", "b"],
      feature_types: ["float", "float"],
      learner_model_param: {
        base_score: "5E-1",
        num_class: "0",
        num_feature: "2",
        num_target: "1",
      },
      objective: { name: "binary:logistic" },
      gradient_booster: {
        name: "gbtree",
        model: {
          trees: [{
            left_children: [1, -1, -1],
            right_children: [2, -1, -1],
            split_indices: [1, 0, 0],
            split_conditions: [0.5, -0.4, 0.6],
            default_left: [1, 0, 0],
            sum_hessian: [10, 4, 6],
            loss_changes: [3, 0, 0],
            split_type: [0, 0, 0],
            categories: [],
            categories_nodes: [],
            categories_segments: [],
            categories_sizes: [],
          }],
        },
      },
    },
  };
}

const bytesOf = (model: unknown) => new TextEncoder().encode(JSON.stringify(model));

function refused(model: unknown, message: string | RegExp): void {
  const bytes = model instanceof Uint8Array ? model : bytesOf(model);
  assert.throws(() => importXgboostBytes(bytes, '"m.json"'), (error: unknown) => {
    assert.ok(error instanceof Error);
    if (typeof message === "string") assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

Deno.test("the tiny hand-made model imports with its stump", () => {
  const model = importXgboostBytes(bytesOf(tinyModel()));
  assert.deepEqual(model.trees[0].feature, [1, -1, -1]);
  assert.deepEqual(model.trees[0].value, [0, -0.4, 0.6]);
  assert.deepEqual(model.features.map((f) => f.name), ["a", "b"]);
});

Deno.test("a UBJ model is refused by its first bytes with how to save JSON instead", () => {
  // What XGBoost's save_model("m.ubj") writes first: an object, then a length marker.
  const ubj = new Uint8Array(
    [0x7b, 0x4c, 0, 0, 0, 0, 0, 0, 0, 7, ..."learner"].map((c) =>
      typeof c === "string" ? c.charCodeAt(0) : c
    ),
  );
  refused(
    ubj,
    `Cannot import "m.json": UBJ models are not supported: save with model.save_model('model.json')`,
  );
});

Deno.test("the deprecated binary format is refused by its binf header", () => {
  refused(
    new Uint8Array([0x62, 0x69, 0x6e, 0x66, 0, 0, 0, 0x3f]),
    /^Cannot import "m\.json": models in the deprecated binary format are not supported: save with/,
  );
});

Deno.test("a file that is not JSON says so instead of a bare parse error", () => {
  refused(
    new TextEncoder().encode("learner: {"),
    /^Cannot import "m\.json": the file is not JSON \(/,
  );
});

Deno.test("a categorical feature is refused naming the feature", () => {
  const model = tinyModel();
  model.learner.feature_types = ["float", "c"];
  refused(
    model,
    'Cannot import "m.json": feature "b" is categorical (feature_types "c"): categorical ' +
      "splits are not supported; train on its integer codes without enable_categorical",
  );
});

Deno.test("a categorical split is refused naming the tree, node and feature", () => {
  const model = tinyModel();
  const tree = model.learner.gradient_booster.model.trees[0];
  tree.split_type = [1, 0, 0];
  tree.categories = [0, 2];
  tree.categories_nodes = [0];
  refused(
    model,
    'Cannot import "m.json": tree 0 node 0 has a categorical split on feature "b": ' +
      "categorical splits are not supported; train on its integer codes without enable_categorical",
  );
});

Deno.test("categories listed without a split type are refused too", () => {
  const model = tinyModel();
  model.learner.gradient_booster.model.trees[0].categories = [1];
  refused(model, /tree 0 node 0 has a categorical split on feature "b"/);
});

Deno.test("a multiclass model is refused as multiclass, not as a bad objective", () => {
  const model = tinyModel();
  model.learner.objective.name = "multi:softprob";
  model.learner.learner_model_param.num_class = "3";
  refused(
    model,
    'Cannot import "m.json": multiclass models are not supported (objective "multi:softprob", ' +
      "num_class 3): only binary:logistic",
  );
});

Deno.test("a multi-output model is refused", () => {
  const model = tinyModel();
  model.learner.learner_model_param.num_target = "2";
  refused(model, /multi-output models are not supported \(num_target 2\)/);
});

Deno.test("another objective is refused with the objective named", () => {
  for (const name of ["reg:squarederror", "binary:logitraw", "rank:pairwise"]) {
    const model = tinyModel();
    model.learner.objective.name = name;
    refused(
      model,
      `Cannot import "m.json": objective "${name}" is not supported: only binary:logistic`,
    );
  }
});

Deno.test("dart and gblinear boosters are refused with the booster named", () => {
  const dart = tinyModel();
  const trees = dart.learner.gradient_booster;
  dart.learner.gradient_booster = { name: "dart", gbtree: trees, weight_drop: [1] };
  refused(
    dart,
    `Cannot import "m.json": booster "dart" is not supported (dart's dropout weights scale ` +
      "the trees): only gbtree",
  );
  const linear = tinyModel();
  linear.learner.gradient_booster = {
    name: "gblinear",
    model: { boosted_rounds: 1, weights: [0.1, 0.2, 0] },
  };
  refused(
    linear,
    'Cannot import "m.json": booster "gblinear" is not supported (a linear booster has no ' +
      "trees): only gbtree",
  );
});

Deno.test("a split on a feature the model does not have is refused", () => {
  const model = tinyModel();
  model.learner.gradient_booster.model.trees[0].split_indices = [5, 0, 0];
  refused(
    model,
    'Cannot import "m.json": tree 0 node 0 splits on feature 5, but the model has 2 features',
  );
});

Deno.test("an XGBoost 2 base_score in brackets is read", () => {
  const model = tinyModel();
  model.learner.learner_model_param.base_score = "[2E-1]";
  const imported = importXgboostBytes(bytesOf(model));
  assert.ok(Math.abs(imported.baseMargin - Math.log(0.2 / 0.8)) < 1e-12);
});
