import assert from "node:assert/strict";
import { join } from "node:path";
import { type GbdtParams, predictProba, trainGbdt } from "../../../lib/model/gbdt/mod.ts";
import type { Dataset } from "../../../lib/model/types.ts";
import { monotoneFixture } from "./monotone_fixture.ts";
import { ignoreWithoutPython, runPython } from "../../python_oracle.ts";
import { withTempDir } from "../../temp_dir.ts";

const NAME = "a monotone model matches XGBoost 1.7 hist with monotone_constraints to 1e-6";

// Trains XGBoost on the fixture (JSON: rows with null for missing, labels, params) and
// prints its probabilities on the training rows, then on the probe rows.
const XGBOOST = `
import json, sys
import numpy as np
import xgboost as xgb
fixture = json.load(open(sys.argv[1]))
nan = lambda rows: np.array([[np.nan if v is None else v for v in row] for row in rows])
x, probes, y = nan(fixture["rows"]), nan(fixture["probes"]), np.array(fixture["labels"])
p = fixture["params"]
booster = xgb.train({
    "objective": "binary:logistic", "tree_method": "hist", "max_bin": p["max_bin"],
    "max_depth": p["max_depth"], "grow_policy": p.get("grow_policy", "depthwise"),
    "max_leaves": p.get("max_leaves", 0), "eta": p["learning_rate"], "lambda": p["lambda"],
    "min_child_weight": p["min_child_weight"], "base_score": float(y.mean()),
    "monotone_constraints": "(" + ",".join(str(c) for c in p["constraints"]) + ")",
    "nthread": 1, "seed": 0,
}, xgb.DMatrix(x, label=y, missing=np.nan), num_boost_round=p["n_rounds"])
print(json.dumps({
    "version": xgb.__version__,
    "train": booster.predict(xgb.DMatrix(x, missing=np.nan)).tolist(),
    "probes": booster.predict(xgb.DMatrix(probes, missing=np.nan)).tolist(),
}))
`;

const rowsOf = (data: Dataset) =>
  Array.from(
    { length: data.rows },
    (_, i) => data.columns.map((column) => Number.isNaN(column[i]) ? null : column[i]),
  );

const SHARED = { max_bin: 32, learning_rate: 0.3, lambda: 1, min_child_weight: 1 };

/** Trains both ways and asserts the probabilities agree on the training rows and probes. */
async function assertMatchesXgboost(params: Partial<GbdtParams>): Promise<void> {
  const { data, probes } = monotoneFixture();
  const monotone = { a: 1, b: -1 } as const;
  const model = await trainGbdt(data, { ...params, monotone }, { workers: 0 });
  let oracle: { version: string; train: number[]; probes: number[] } | undefined;
  await withTempDir(async (dir) => {
    const path = join(dir, "fixture.json");
    await Deno.writeTextFile(
      path,
      JSON.stringify({
        rows: rowsOf(data),
        probes: rowsOf(probes),
        labels: [...data.label!],
        params: { ...params, constraints: [1, -1, 0, 0] },
      }),
    );
    oracle = JSON.parse(await runPython(XGBOOST, [path]));
  });
  if (!oracle) throw new Error("XGBoost gave no predictions");
  assert.match(oracle.version, /^1\.7\./);
  const cases = [["train", data, oracle.train], ["probe", probes, oracle.probes]] as const;
  for (const [name, rows, expected] of cases) {
    predictProba(model, rows).forEach((p, i) =>
      assert.ok(
        Math.abs(p - expected[i]) < 1e-6,
        `${name} row ${i}: ${p} vs XGBoost ${expected[i]}`,
      )
    );
  }
  // The constraints bind: without them the model is another one.
  const free = predictProba(await trainGbdt(data, params, { workers: 0 }), data);
  const { train } = oracle;
  assert.ok(free.some((p, i) => Math.abs(p - train[i]) > 1e-3));
}

const ignore = await ignoreWithoutPython(NAME, ["xgboost", "numpy"]);

Deno.test({
  name: `${NAME}, depth-wise`,
  ignore,
  fn: () => assertMatchesXgboost({ ...SHARED, max_depth: 4, n_rounds: 30 }),
});

Deno.test({
  name: `${NAME}, leaf-wise`,
  ignore,
  fn: () =>
    assertMatchesXgboost({
      ...SHARED,
      grow_policy: "lossguide",
      max_leaves: 9,
      max_depth: 0,
      n_rounds: 30,
    }),
});
