import assert from "node:assert/strict";
import {
  calibrateIntercept,
  countScale,
  DEFAULT_RATE,
  PENSIONER_SHARE,
  WEIGHT_APP,
  WEIGHT_HISTORY,
  WEIGHT_PENSIONER,
} from "../../../../lib/data/home_credit/generator/latent.ts";
import { createRng } from "../../../../lib/random/mod.ts";

Deno.test("the calibrated intercept gives Kaggle's default rate under the latent model", () => {
  const intercept = calibrateIntercept();
  const rng = createRng(5);
  let defaults = 0;
  const draws = 200_000;
  for (let i = 0; i < draws; i++) {
    const pensioner = rng.float() < PENSIONER_SHARE ? 1 : 0;
    const logit = intercept + WEIGHT_APP * rng.normal() + WEIGHT_HISTORY * rng.normal() +
      WEIGHT_PENSIONER * pensioner;
    defaults += 1 / (1 + Math.exp(-logit));
  }
  assert.ok(Math.abs(defaults / draws - DEFAULT_RATE) < 0.002, `${defaults / draws}`);
});

Deno.test("count scales give the requested mean once capped", () => {
  for (const [mean, cap] of [[5.58, 60], [37, 94], [0.5, 10]]) {
    const q = Math.exp(-1 / countScale(mean, cap));
    let expected = 0;
    for (let k = 1; k <= cap; k++) expected += q ** k;
    assert.ok(Math.abs(expected - mean) < 1e-9, `${mean} ${cap}: ${expected}`);
  }
});

Deno.test("a cap below the requested mean is refused", () => {
  assert.throws(() => countScale(50, 10), /Cannot draw counts with mean 50: the cap 10/);
});
