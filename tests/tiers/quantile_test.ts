import assert from "node:assert/strict";
import { confusionByTier } from "../../lib/evaluation/tiers.ts";
import { DEFAULT_TIERS, TierParams } from "../../lib/tiers/mod.ts";
import { tiersFromQuantiles } from "../../lib/tiers/quantile.ts";
import { resolveTiers, TIERS_FILE, tiersToRegister } from "../../lib/tiers/resolve.ts";
import { createRng } from "../../lib/random/mod.ts";
import { withTempDir } from "../temp_dir.ts";
import { evaluateCandidate, GateParams } from "../../lib/evaluation/mod.ts";
import { tierSection } from "../../lib/evaluation/report/operating.ts";
import { makeSyntheticDataset } from "../../lib/model/gbdt/synthetic.ts";
import { predictProba, trainGbdt } from "../../lib/model/gbdt/mod.ts";
import { fitLogistic } from "../../lib/model/logistic/mod.ts";

/** Calibrated scores of a table with a 30% base rate, with labels drawn from them. */
function thirtyPercentTable(rows: number, seed: number) {
  const rng = createRng(seed);
  const scores = new Float64Array(rows);
  const labels = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    scores[i] = 1 / (1 + Math.exp(-(-1.05 + 1.2 * rng.normal())));
    labels[i] = rng.float() < scores[i] ? 1 : 0;
  }
  return { scores, labels };
}

const QUANTILE_PARAMS = {
  tiers_by: "quantile",
  tier_quantiles: [0.5, 0.8, 0.95],
};

Deno.test("on a 30% base-rate table quantile tiers are not all in the top two", async () => {
  const train = thirtyPercentTable(8000, 1);
  const test = thirtyPercentTable(2000, 2);
  const baseRate = test.labels.reduce((s, y) => s + y, 0) / test.labels.length;
  assert.ok(Math.abs(baseRate - 0.3) < 0.03, `base rate ${baseRate}`);
  const topTwo = (tiers: ReturnType<typeof confusionByTier>) =>
    tiers[2].shareOfRows + tiers[3].shareOfRows;
  // Home Credit's fixed thresholds put most applicants in high and very_high.
  const fixed = confusionByTier(test.scores, test.labels, DEFAULT_TIERS);
  assert.ok(topTwo(fixed) > 0.75, `fixed top two ${topTwo(fixed)}`);
  const tiers = await resolveTiers(
    TierParams.parse(QUANTILE_PARAMS),
    () => Promise.resolve(train.scores),
  );
  const fitted = confusionByTier(test.scores, test.labels, tiers);
  assert.ok(Math.abs(topTwo(fitted) - 0.2) < 0.03, `quantile top two ${topTwo(fitted)}`);
  assert.ok(fitted.every((t) => t.rows > 0));
  // Risk still rises tier by tier.
  for (let t = 1; t < 4; t++) assert.ok(fitted[t].positiveRate > fitted[t - 1].positiveRate);
});

Deno.test("quantile thresholds interpolate as numpy does", () => {
  const tiers = tiersFromQuantiles(["a", "b", "c"], [0.25, 0.5], [0.4, 0.1, 0.3, 0.2, 0.5]);
  assert.deepEqual(tiers, {
    names: ["a", "b", "c"],
    thresholds: [0.2, 0.3],
    by: "quantile",
    quantiles: [0.25, 0.5],
    rows: 5,
  });
});

Deno.test("quantiles falling on one score are refused, naming the quantiles", () => {
  assert.throws(
    () => tiersFromQuantiles(["a", "b", "c"], [0.5, 0.8], [0.1, 0.3, 0.3, 0.3, 0.3]),
    {
      name: "RangeError",
      message:
        /^Cannot derive tiers from serve\.tier_quantiles: the training scores give 0\.5 → 0\.3, 0\.8 → 0\.3; thresholds must be increasing/,
    },
  );
});

Deno.test("tier params: quantile needs tier_quantiles, one fewer than the names, increasing", () => {
  const missing = TierParams.safeParse({ tiers_by: "quantile" });
  assert.equal(missing.success, false);
  assert.deepEqual(missing.error?.issues.map((i) => [i.path.join("."), i.message]), [
    ["tier_quantiles", "Required when serve.tiers_by is quantile"],
  ]);
  const short = TierParams.safeParse({ tiers_by: "quantile", tier_quantiles: [0.5] });
  assert.equal(short.error?.issues[0].message, "Needs 3 quantiles for 4 tiers");
  assert.equal(
    TierParams.safeParse({ tiers_by: "quantile", tier_quantiles: [0.8, 0.5, 0.9] }).success,
    false,
  );
  assert.equal(TierParams.safeParse({ tiers_by: "deciles" }).success, false);
});

Deno.test("fixed thresholds resolve without scoring the training split", async () => {
  const tiers = await resolveTiers(TierParams.parse({}), () => {
    throw new Error("scored the training split");
  });
  assert.deepEqual(tiers, { ...DEFAULT_TIERS, by: "thresholds" });
});

Deno.test("register stores the thresholds evaluate derived, and refuses stale ones", async () => {
  await withTempDir(async (dir) => {
    const rule = TierParams.parse(QUANTILE_PARAMS);
    await assert.rejects(tiersToRegister(rule, dir), /tiers\.json" does not exist/);
    const derived = await resolveTiers(
      rule,
      () => Promise.resolve(Float64Array.of(0.1, 0.2, 0.3, 0.4)),
    );
    await Deno.writeTextFile(`${dir}/${TIERS_FILE}`, JSON.stringify(derived));
    assert.deepEqual(await tiersToRegister(rule, dir), {
      names: DEFAULT_TIERS.names,
      thresholds: derived.thresholds,
    });
    const other = TierParams.parse({ ...QUANTILE_PARAMS, tier_quantiles: [0.6, 0.8, 0.95] });
    await assert.rejects(tiersToRegister(other, dir), /run evaluate again/);
    assert.deepEqual(await tiersToRegister(TierParams.parse({}), dir), DEFAULT_TIERS);
  });
});

Deno.test("the evaluation report says the tiers were cut at training-score quantiles", async () => {
  const train = makeSyntheticDataset({ rows: 1500, features: 12, seed: 21 });
  const test = makeSyntheticDataset({ rows: 600, features: 12, seed: 22 });
  const gbdt = await trainGbdt(train, { n_rounds: 20, max_depth: 3 });
  const baseline = fitLogistic(train, {});
  const gate = GateParams.parse({});
  const quantiles = [0.5, 0.8, 0.95];
  const tiers = tiersFromQuantiles(DEFAULT_TIERS.names, quantiles, predictProba(gbdt, train));
  const derived = evaluateCandidate(test, gbdt, baseline, { gate, tiers, shapRows: 50 });
  assert.equal(
    tierSection(derived).note?.split(". ")[1],
    "Thresholds at the 50%, 80%, 95% quantiles of the candidate's scores on 1,500 training rows " +
      "(serve.tiers_by: quantile), stored with the version.",
  );
  assert.deepEqual(derived.tiers.map((t) => t.upper).slice(0, 3), tiers.thresholds);
  const fixed = evaluateCandidate(test, gbdt, baseline, {
    gate,
    tiers: DEFAULT_TIERS,
    shapRows: 50,
  });
  assert.equal(fixed.tierOrigin, undefined);
});
