import assert from "node:assert/strict";
import {
  calibrationEvidence,
  eceBootstrap,
  spiegelhalterZ,
} from "../../lib/evaluation/calibration.ts";
import { erfc, twoSidedNormalP } from "../../lib/evaluation/normal_tail.ts";
import { calibrationCheck, GateParams } from "../../lib/evaluation/gate.ts";
import { expectedCalibrationError } from "../../lib/model/metrics/mod.ts";
import { createRng } from "../../lib/random/mod.ts";

/** Rows whose labels are drawn from `truth`, predicted as truth × scale (credit-like, ~8%). */
function simulate(rows: number, seed: number, scale: number) {
  const rng = createRng(seed);
  const probabilities = new Float64Array(rows);
  const labels = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const truth = 1 / (1 + Math.exp(2.8 - 0.9 * rng.normal()));
    labels[i] = rng.float() < truth ? 1 : 0;
    probabilities[i] = Math.min(truth * scale, 0.999);
  }
  return { probabilities, labels };
}

function judge(test: "spiegelhalter" | "bootstrap", rows: number, scale: number) {
  const { probabilities, labels } = simulate(rows, 1, scale);
  const params = GateParams.parse({ calibration_test: test });
  const calibration = calibrationEvidence(probabilities, labels, {
    test,
    alpha: params.calibration_alpha,
    resamples: params.calibration_resamples,
    seed: params.calibration_seed,
  });
  const ece = expectedCalibrationError(probabilities, labels);
  return {
    ece,
    check: calibrationCheck({
      candidateAuc: 0.7,
      baselineAuc: 0.6,
      candidateEce: ece,
      calibration,
      candidateTopFeatures: [],
    }, params),
  };
}

Deno.test("Spiegelhalter's z on a four-row fixture matches the hand computation", () => {
  // numerator Σ (y − p)(1 − 2p) = −0.12 − 0.12 + 0.72 − 0.08 = 2/5;
  // variance Σ (1 − 2p)² p (1 − p) = 0.0576 + 0.0336 + 0.0576 + 0.0576 = 129/625.
  const result = spiegelhalterZ([0.2, 0.7, 0.1, 0.9], [0, 1, 1, 1]);
  const z = 0.4 / Math.sqrt(129 / 625);
  assert.ok(Math.abs(result.z - z) <= 1e-12, `z ${result.z}`);
  assert.ok(Math.abs(result.z - 0.8804509063256238) <= 1e-12);
  // Python's math.erfc(z / √2).
  assert.ok(Math.abs(result.p - 0.37861508946133937) <= 1e-12, `p ${result.p}`);
});

Deno.test("the two-sided normal tail matches math.erfc to 1e-15", () => {
  assert.equal(erfc(0), 1);
  assert.ok(Math.abs(twoSidedNormalP(3) - 0.0026997960632601913) <= 1e-15);
  assert.ok(Math.abs(twoSidedNormalP(-0.5) - 0.6170750774519738) <= 1e-15);
  assert.ok(Math.abs(erfc(5) - 1.5374597944280351e-12) <= 1e-25);
});

Deno.test("probabilities of 0, 0.5 and 1 carry no evidence: z = 0, p = 1", () => {
  assert.deepEqual(spiegelhalterZ([0.5, 0.5, 1, 0], [1, 0, 1, 0]), { z: 0, p: 1 });
});

for (const test of ["spiegelhalter", "bootstrap"] as const) {
  Deno.test(`${test}: a well-calibrated 200-row test split passes`, () => {
    const { check } = judge(test, 200, 1);
    assert.equal(check.status, "pass", check.detail);
    assert.equal(check.evidence?.rows, 200);
  });

  Deno.test(`${test}: probabilities scaled by 1.3 fail on 60,000 rows, where the ECE ceiling misses them`, () => {
    const { check, ece } = judge(test, 60_000, 1.3);
    assert.equal(check.status, "fail", check.detail);
    assert.ok(check.value !== null && check.value < 0.01);
    assert.ok(ece < 0.05, `ECE ${ece} would pass max_ece 0.05`);
  });
}

Deno.test("the bootstrap's observed ECE is the reported ECE, and it is seeded", () => {
  const { probabilities, labels } = simulate(500, 3, 1);
  const a = eceBootstrap(probabilities, labels, { resamples: 199, seed: 5 });
  const b = eceBootstrap(probabilities, labels, { resamples: 199, seed: 5 });
  assert.deepEqual(a, b);
  assert.ok(Math.abs(a.ece - expectedCalibrationError(probabilities, labels)) <= 1e-15);
  assert.ok(a.interval[0] < a.interval[1]);
});

Deno.test("the gate's calibration row states the test, the interval and the rule", () => {
  const { check } = judge("bootstrap", 200, 1);
  assert.equal(check.name, "calibration_ece_bootstrap");
  assert.equal(check.threshold, "p >= 0.01");
  assert.match(
    check.detail,
    /^ECE 0\.\d{4}; a calibrated model gives ECE 0\.\d{4}–0\.\d{4} \(99% of 1000 seeded redraws\) on these 200 rows; p = 0\.\d{4}; fails when p < 0\.01/,
  );
  const z = judge("spiegelhalter", 200, 1).check;
  assert.match(
    z.detail,
    /^Spiegelhalter z = -?\d\.\d{3}, p = 0\.\d{4} on 200 test rows; fails when p < 0\.01/,
  );
});

Deno.test("a test the evaluation did not run is an error naming the param", () => {
  assert.throws(
    () =>
      calibrationCheck(
        { candidateAuc: 0.7, baselineAuc: 0.6, candidateEce: 0.01, candidateTopFeatures: [] },
        GateParams.parse({ calibration_test: "spiegelhalter" }),
      ),
    {
      name: "RangeError",
      message: /gate\.calibration_test is "spiegelhalter" but the evaluation gave no test result/,
    },
  );
});

Deno.test("gate params reject an unknown calibration test and an alpha outside (0, 1)", () => {
  assert.equal(GateParams.safeParse({ calibration_test: "hosmer" }).success, false);
  assert.equal(GateParams.safeParse({ calibration_alpha: 0 }).success, false);
  assert.equal(GateParams.safeParse({ calibration_alpha: 1 }).success, false);
});

Deno.test("on 200 calibrated 200-row splits with a 30% base rate, the ECE ceiling fails most, the tests about alpha", () => {
  let eceFails = 0;
  let zFails = 0;
  let bootstrapFails = 0;
  for (let seed = 1; seed <= 200; seed++) {
    const rng = createRng(seed);
    const probabilities = new Float64Array(200);
    const labels = new Float64Array(200);
    for (let i = 0; i < 200; i++) {
      probabilities[i] = 1 / (1 + Math.exp(1.05 - 1.2 * rng.normal()));
      labels[i] = rng.float() < probabilities[i] ? 1 : 0;
    }
    if (expectedCalibrationError(probabilities, labels) > 0.05) eceFails++;
    if (spiegelhalterZ(probabilities, labels).p < 0.01) zFails++;
    if (eceBootstrap(probabilities, labels, { seed }).p < 0.01) bootstrapFails++;
  }
  // Measured: 163, 0 and 2 of 200 (alpha 0.01 expects 2).
  assert.ok(eceFails > 120, `ECE ceiling failed ${eceFails}`);
  assert.ok(zFails <= 6, `Spiegelhalter failed ${zFails}`);
  assert.ok(bootstrapFails <= 6, `bootstrap failed ${bootstrapFails}`);
});
