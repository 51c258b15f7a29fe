import assert from "node:assert/strict";
import { compileWhitenedNorm } from "../../../lib/model/outlier/whitened_norm.ts";
import { createRng } from "../../../lib/random/mod.ts";

Deno.test("the WebAssembly ‖z·W‖² is the plain sum, to the bit, for every padding of the columns", () => {
  const rng = createRng(5);
  for (const p of [1, 2, 3, 4, 5, 7, 8, 9, 31, 208]) {
    const w = new Float64Array(p * p);
    for (let r = 0; r < p; r++) for (let c = r; c < p; c++) w[r * p + c] = rng.float() * 2 - 1;
    const norm = compileWhitenedNorm(w, p);
    for (let round = 0; round < 3; round++) {
      const z = Float64Array.from(
        { length: p },
        () => (rng.float() < 0.3 ? 0 : rng.float() * 6 - 3),
      );
      norm.z.set(z);
      let want = 0;
      for (let c = 0; c < p; c++) {
        let y = 0;
        for (let r = 0; r <= c; r++) y += z[r] * w[r * p + c];
        want += y * y;
      }
      const got = norm.squaredNorm();
      assert.equal(got, want, `p ${p}`); // the same sums in the same order
    }
  }
});
