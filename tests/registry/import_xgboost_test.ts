import assert from "node:assert/strict";
import { join } from "node:path";
import { importXgboostVersion } from "../../lib/registry/import_xgboost.ts";
import { loadVerifiedVersion, promote, registerVersion } from "../../lib/registry/mod.ts";
import { parseGbdtModel } from "../../lib/model/gbdt/model_io.ts";
import { predictRowMargin, sigmoid } from "../../lib/model/gbdt/predict.ts";
import { openOnnxScorer } from "../../lib/model/onnx/mod.ts";
import { treeShap } from "../../lib/model/shap/mod.ts";
import { homeCreditContract } from "../../lib/contracts/mod.ts";
import { DEFAULT_TIERS } from "../../lib/tiers/mod.ts";
import { type ServingInfo } from "../../lib/registry/mod.ts";
import type { FeatureManifest } from "../../lib/features/mod.ts";

// XGBoost 1.7.4's own predictions and pred_contribs for the committed fixture model
// (tests/fixtures/xgboost/make_fixture.py: 15 trees over f0..f5, 60 rows with NaNs).
const fixtures = new URL("../fixtures/xgboost/", import.meta.url);
const xgboostModel = new URL("model.json", fixtures).pathname;
const expected: { rows: (number | null)[][]; probability: number[]; contributions: number[][] } =
  JSON.parse(await Deno.readTextFile(new URL("expected.json", fixtures)));

// The base version lists the fixture's features in another order, so the import must
// renumber every split by name.
const ORDER = ["f3", "f5", "f0", "f2", "f4", "f1"];
const now = new Date("2026-01-02T03:04:05Z");

async function registryWithBase(names = ORDER): Promise<string> {
  const dir = await Deno.makeTempDir();
  const manifest: FeatureManifest = {
    formatVersion: 1,
    key: "SK_ID_CURR",
    target: "TARGET",
    features: names.map((name) => ({
      name,
      type: "numeric",
      source: "application_train",
      description: `feature ${name}`,
    })),
  };
  const serving: ServingInfo = {
    formatVersion: 1,
    source: "synthetic",
    contract: homeCreditContract("application_train", { source: "synthetic" }),
    omit: ["TARGET"],
    tiers: DEFAULT_TIERS,
    snapshot: null,
  };
  const files: Record<string, string> = {};
  for (const [name, value] of [["manifest.json", manifest], ["serving.json", serving]] as const) {
    files[name] = join(dir, name);
    await Deno.writeTextFile(files[name], JSON.stringify(value));
  }
  files["model.json"] = join(dir, "model.json");
  await Deno.writeTextFile(files["model.json"], "{}");
  const root = join(dir, "registry");
  await registerVersion(root, {
    artifacts: files,
    metrics: {},
    gatePassed: true,
    lineage: {},
    now,
  });
  await promote(root, "v0001", "Production", { now });
  return root;
}

/** A fixture row (f0..f5) laid out in the base manifest's order. */
const inOrder = (row: (number | null)[]) => ORDER.map((name) => row[Number(name.slice(1))] ?? NaN);

Deno.test("an imported version holds the served artifacts and the XGBoost file", async () => {
  const root = await registryWithBase();
  const imported = await importXgboostVersion(root, { modelPath: xgboostModel, now });
  assert.equal(imported.info.version, "v0002");
  assert.equal(imported.from, "v0001");
  assert.equal(imported.created, true);
  assert.equal(imported.trees, 15);
  assert.ok(imported.onnxParity <= 1e-6);
  const info = await loadVerifiedVersion(root, "v0002");
  assert.deepEqual(Object.keys(info.artifacts).sort(), [
    "manifest.json",
    "model.json",
    "model.onnx",
    "serving.json",
    "xgboost_model.json",
  ]);
  const base = await loadVerifiedVersion(root, "v0001");
  assert.equal(info.artifacts["manifest.json"], base.artifacts["manifest.json"]);
  assert.equal(info.artifacts["serving.json"], base.artifacts["serving.json"]);
  assert.equal(info.gatePassed, false);
  assert.equal(info.stage, "None");
  assert.equal(info.lineage.featuresFrom, "v0001");
  assert.equal(info.lineage.xgboostVersion, "1.7.4");
});

Deno.test("the imported version scores like XGBoost, in TypeScript and through ONNX", async () => {
  const root = await registryWithBase();
  const { info } = await importXgboostVersion(root, { modelPath: xgboostModel, now });
  const model = parseGbdtModel(
    JSON.parse(await Deno.readTextFile(join(info.dir, "model.json"))),
  );
  assert.deepEqual(model.features.map((f) => f.name), ORDER);
  const rows = expected.rows.map(inOrder);
  const onnx = await openOnnxScorer(await Deno.readFile(join(info.dir, "model.onnx")), 6);
  const got = await onnx.score(new Float32Array(rows.flat()), rows.length);
  await onnx.release();
  rows.forEach((row, i) => {
    const ts = sigmoid(predictRowMargin(model, row));
    assert.ok(Math.abs(ts - expected.probability[i]) <= 1e-6, `row ${i}: TS ${ts}`);
    assert.ok(Math.abs(got[i] - expected.probability[i]) <= 1e-6, `row ${i}: ONNX ${got[i]}`);
  });
});

Deno.test("TreeSHAP of the imported version equals XGBoost's pred_contribs to 1e-6", async () => {
  const root = await registryWithBase();
  const { info } = await importXgboostVersion(root, { modelPath: xgboostModel, now });
  const model = parseGbdtModel(
    JSON.parse(await Deno.readTextFile(join(info.dir, "model.json"))),
  );
  expected.rows.forEach((raw, i) => {
    const { shap, expectedValue } = treeShap(model, inOrder(raw));
    const oracle = expected.contributions[i];
    ORDER.forEach((name, j) => {
      const want = oracle[Number(name.slice(1))];
      assert.ok(Math.abs(shap[j] - want) <= 1e-6, `row ${i} ${name}: ${shap[j]} vs ${want}`);
    });
    assert.ok(Math.abs(expectedValue - oracle[6]) <= 1e-6, `row ${i} bias`);
  });
});

Deno.test("importing the same file again returns the version already registered", async () => {
  const root = await registryWithBase();
  await importXgboostVersion(root, { modelPath: xgboostModel, now });
  const again = await importXgboostVersion(root, { modelPath: xgboostModel, now });
  assert.equal(again.info.version, "v0002");
  assert.equal(again.created, false);
});

Deno.test("a manifest with other feature names is refused, naming them", async () => {
  const root = await registryWithBase(["f0", "f1", "f2", "f3", "f4", "income"]);
  await assert.rejects(() => importXgboostVersion(root, { modelPath: xgboostModel }), {
    message: "Cannot align the model to the feature manifest of v0001: feature names disagree: " +
      'not in the manifest: "f5"; in the manifest but not in the model: "income"',
  });
});

Deno.test("without a Production version the import asks for --from", async () => {
  const root = join(await Deno.makeTempDir(), "registry");
  await assert.rejects(() => importXgboostVersion(root, { modelPath: xgboostModel }), {
    message: `Cannot import "${xgboostModel}": no version of ${root} is in Production to take ` +
      "the feature manifest and serving artifacts from (name one with --from vNNNN)",
  });
});

Deno.test("a base version without serving.json is refused", async () => {
  const dir = await Deno.makeTempDir();
  const root = join(dir, "registry");
  const path = join(dir, "manifest.json");
  await Deno.writeTextFile(path, "{}");
  await registerVersion(root, {
    artifacts: { "manifest.json": path },
    metrics: {},
    gatePassed: true,
    lineage: {},
  });
  await assert.rejects(
    () => importXgboostVersion(root, { modelPath: xgboostModel, from: "v0001" }),
    {
      message:
        `Cannot import "${xgboostModel}": v0001 has no serving.json to serve the model with (take another version with --from)`,
    },
  );
});
