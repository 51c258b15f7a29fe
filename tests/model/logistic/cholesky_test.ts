import assert from "node:assert/strict";
import { choleskyFactor, choleskySolve } from "../../../lib/model/logistic/mod.ts";

Deno.test("Cholesky solves a symmetric positive-definite system exactly", () => {
  // A = [[4, 2, 0], [2, 5, 1], [0, 1, 3]], x = [1, -1, 2] → b = A·x = [2, -1, 5].
  const a = Float64Array.of(4, 2, 0, 2, 5, 1, 0, 1, 3);
  choleskyFactor(a, 3);
  const x = choleskySolve(a, 3, [2, -1, 5]);
  [1, -1, 2].forEach((expected, i) => assert.ok(Math.abs(x[i] - expected) < 1e-14));
});

Deno.test("Cholesky refuses a matrix that is not positive definite", () => {
  const a = Float64Array.of(1, 2, 2, 1);
  assert.throws(() => choleskyFactor(a, 2), {
    message: "Cannot factor matrix: it is not positive definite (pivot 1 is -3)",
  });
});
