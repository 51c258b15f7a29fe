import assert from "node:assert/strict";
import { findBestSplit } from "../../../lib/model/gbdt/split.ts";

// One feature, three value bins and a missing bin, interleaved (grad, hess).
const offsets = new Int32Array([0, 4]);
const missingBin = new Int32Array([3]);
const features = new Int32Array([0]);

Deno.test("the best split maximises G_L²/(H_L+λ) + G_R²/(H_R+λ) - G²/(H+λ)", () => {
  const hist = new Float64Array([1, 1, 1, 1, -2, 1, 0, 0]);
  const split = findBestSplit(hist, 0, offsets, missingBin, features, 0, 3, {
    lambda: 1,
    minChildWeight: 0,
  });
  assert.equal(split.feature, 0);
  assert.equal(split.bin, 1);
  assert.equal(split.defaultLeft, false);
  assert.equal(split.gain, 4 / 3 + 4 / 2);
  assert.deepEqual([split.leftGrad, split.leftHess], [2, 2]);
});

Deno.test("missing values go to the side that gains more", () => {
  const hist = new Float64Array([2, 1, -2, 1, 0, 0, 2, 1]);
  const split = findBestSplit(hist, 0, offsets, missingBin, features, 2, 3, {
    lambda: 1,
    minChildWeight: 0,
  });
  assert.equal(split.bin, 0);
  assert.equal(split.defaultLeft, true);
  assert.deepEqual([split.leftGrad, split.leftHess], [4, 2]);
  assert.equal(split.gain, 16 / 3 + 4 / 2 - 4 / 4);
});

Deno.test("min_child_weight rules out children with too little hessian", () => {
  const hist = new Float64Array([1, 1, 1, 1, -2, 1, 0, 0]);
  const split = findBestSplit(hist, 0, offsets, missingBin, features, 0, 3, {
    lambda: 1,
    minChildWeight: 1.5,
  });
  assert.equal(split.feature, -1);
});
