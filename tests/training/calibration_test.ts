import assert from "node:assert/strict";
import { calibrateGbdt, fitPlatt } from "../../lib/training/calibration.ts";
import { trainCandidate } from "../../lib/training/candidate.ts";
import { TrainParams } from "../../lib/training/params.ts";
import { makeSyntheticDataset } from "../../lib/model/gbdt/synthetic.ts";
import { predictMargin, predictProba } from "../../lib/model/gbdt/predict.ts";
import { parseGbdtModel } from "../../lib/model/gbdt/model_io.ts";
import { createRng } from "../../lib/random/mod.ts";
import { ignoreWithoutPython, runPython } from "../python_oracle.ts";

/** Margins that are twice too confident and shifted: the truth is σ(0.5 · m − 0.4). */
function overconfident(rows: number, seed: number) {
  const rng = createRng(seed);
  const margins = new Float64Array(rows);
  const labels = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    margins[i] = 3 * rng.normal() - 1;
    labels[i] = rng.float() < 1 / (1 + Math.exp(-(0.5 * margins[i] - 0.4))) ? 1 : 0;
  }
  return { margins, labels };
}

Deno.test("Platt's fit sets the gradient of the smoothed-target log loss to zero", () => {
  const { margins, labels } = overconfident(5000, 1);
  const { a, b } = fitPlatt(margins, labels);
  const positives = labels.reduce((s, y) => s + y, 0);
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (5000 - positives + 2);
  let ga = 0;
  let gb = 0;
  for (let i = 0; i < margins.length; i++) {
    const r = 1 / (1 + Math.exp(-(a * margins[i] + b))) - (labels[i] === 1 ? hi : lo);
    ga += r * margins[i];
    gb += r;
  }
  assert.ok(Math.abs(ga) < 1e-8 && Math.abs(gb) < 1e-8, `gradient ${ga}, ${gb}`);
  assert.ok(Math.abs(a - 0.5) < 0.05 && Math.abs(b + 0.4) < 0.1, `a ${a}, b ${b}`);
});

Deno.test("margins that do not rank the labels are refused, naming the fit", () => {
  assert.throws(() => fitPlatt([1, 2, 3, 4], [1, 1, 0, 0]), {
    name: "RangeError",
    message: /^Cannot fit Platt scaling: the fit gave a = -/,
  });
  assert.throws(() => fitPlatt([1, 2], [1, 1]), /single class/);
});

const ORACLE = "scikit-learn's sigmoid calibration gives the same a and b (to 1e-4)";
Deno.test({
  name: ORACLE,
  ignore: await ignoreWithoutPython(ORACLE, ["sklearn"]),
  async fn() {
    const { margins, labels } = overconfident(3000, 2);
    // sklearn fits P = 1 / (1 + exp(A f + B)): a = −A, b = −B.
    const script = `
import json, sys, numpy as np
from sklearn.calibration import _sigmoid_calibration
data = json.load(open(sys.argv[1]))
A, B = _sigmoid_calibration(np.array(data["m"]), np.array(data["y"]))
print(json.dumps([-A, -B]))
`;
    const file = await Deno.makeTempFile({ suffix: ".json" });
    try {
      await Deno.writeTextFile(file, JSON.stringify({ m: [...margins], y: [...labels] }));
      const [a, b] = JSON.parse(await runPython(script, [file]));
      const fit = fitPlatt(margins, labels);
      assert.ok(Math.abs(fit.a - a) < 1e-4, `a ${fit.a} vs ${a}`);
      assert.ok(Math.abs(fit.b - b) < 1e-4, `b ${fit.b} vs ${b}`);
    } finally {
      await Deno.remove(file);
    }
  },
});

Deno.test("train.calibration: none leaves the model as trained, and is the default", () => {
  assert.equal(TrainParams.parse({}).calibration, "none");
  assert.equal(TrainParams.safeParse({ calibration: "isotonic" }).success, false);
  const data = makeSyntheticDataset({ rows: 10, features: 2, seed: 1 });
  const model = {
    format: "riskpipe.gbdt",
    formatVersion: 1,
    objective: "binary:logistic",
    baseMargin: 0,
    features: data.features,
    trees: [],
    params: {},
  } as const;
  assert.equal(calibrateGbdt({ ...model, trees: [] }, data, "none").calibration, undefined);
});

Deno.test("a platt candidate carries its map into model.json and model.onnx within 1e-6", async () => {
  const rows = 3000;
  const data = makeSyntheticDataset({ rows, features: 10, seed: 5 });
  // One validation fold (no CV), where the map is fitted on that fold.
  const params = TrainParams.parse({
    gbdt: { n_rounds: 40, max_depth: 4, early_stopping_rounds: 10 },
    calibration: "platt",
    cv_below_rows: 0,
  });
  const candidate = await trainCandidate(
    { ...data, ids: Float64Array.from({ length: rows }, (_, i) => i + 1) },
    params,
  );
  const map = candidate.gbdt.calibration;
  assert.ok(map !== undefined && map.method === "platt" && map.a > 0);
  assert.equal(map.fittedOn, `validation fold (${candidate.metrics.valid_rows} rows)`);
  assert.ok(candidate.metrics.onnx_gbdt_max_abs_diff <= 1e-6);
  // The file round-trips and the predictor applies σ(a · margin + b) to the trees' margins.
  const reread = parseGbdtModel(JSON.parse(JSON.stringify(candidate.gbdt)));
  assert.deepEqual(reread.calibration, map);
  const margin = predictMargin(reread, data);
  const p = predictProba(reread, data);
  for (const i of [0, 17, 2999]) {
    assert.equal(p[i], 1 / (1 + Math.exp(-(map.a * margin[i] + map.b))));
  }
});

Deno.test("under cross-validation the platt map is fitted on the out-of-fold margins", async () => {
  const rows = 1200;
  const data = makeSyntheticDataset({ rows, features: 6, seed: 8 });
  const params = TrainParams.parse({
    gbdt: { n_rounds: 30, max_depth: 3, early_stopping_rounds: 10 },
    calibration: "platt",
    cv_folds: 3,
  });
  const candidate = await trainCandidate(
    { ...data, ids: Float64Array.from({ length: rows }, (_, i) => i + 1) },
    params,
  );
  const map = candidate.gbdt.calibration;
  assert.ok(map !== undefined && map.method === "platt" && map.a > 0);
  assert.equal(map.fittedOn, `out-of-fold predictions (${rows} rows)`);
  assert.ok(candidate.metrics.onnx_gbdt_max_abs_diff <= 1e-6);
});
