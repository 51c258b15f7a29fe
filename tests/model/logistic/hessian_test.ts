import assert from "node:assert/strict";
import { createHessianAccumulator, HESSIAN_BLOCK } from "../../../lib/model/logistic/hessian.ts";
import { createRng } from "../../../lib/random/mod.ts";

Deno.test("blocked XᵀWX equals the naive sum over rows, dense and one-hot columns mixed", () => {
  const rng = createRng(51);
  // Columns 0–2 numeric, 3–8 one-hot levels of one feature, 9 the intercept.
  const m = 10;
  const rows = HESSIAN_BLOCK + 37;
  const naive = new Float64Array(m * m);
  const blocked = new Float64Array(m * m);
  const accumulator = createHessianAccumulator(m);
  const index = new Uint32Array(5);
  const value = new Float64Array(5);
  for (let i = 0; i < rows; i++) {
    let count = 0;
    for (let j = 0; j < 3; j++) {
      index[count] = j;
      value[count++] = rng.normal();
    }
    if (rng.bernoulli(0.9)) {
      index[count] = 3 + rng.int(0, 5);
      value[count++] = 1;
    }
    index[count] = 9;
    value[count++] = 1;
    const root = rng.float();
    for (let a = 0; a < count; a++) {
      for (let b = 0; b <= a; b++) {
        naive[index[a] * m + index[b]] += root * root * value[a] * value[b];
      }
    }
    const r = i % HESSIAN_BLOCK;
    accumulator.addRow(r, index, value, count, root);
    if (r === HESSIAN_BLOCK - 1 || i === rows - 1) accumulator.flush(r + 1, blocked);
  }
  naive.forEach((expected, k) => assert.ok(Math.abs(blocked[k] - expected) < 1e-12, `${k}`));
});
