/**
 * The small fixture the monotone tests share: a problem whose signal breaks the order
 * the constraints ask for, so they bind.
 */
import type { Dataset } from "../../../lib/model/types.ts";
import { createRng } from "../../../lib/random/mod.ts";

/**
 * 400 rows over four features with few distinct values each (so both trainers bin every
 * value alone): the label rises with a and falls with b, but a has a dip and b a bump the
 * constraints must smooth away; c is free and d is a 0/1 flag. b has missing values.
 * The probes: every value of a and b the data holds (and a missing b), c and d fixed.
 */
export function monotoneFixture(): { data: Dataset; probes: Dataset } {
  const rng = createRng(14);
  const rows = 400;
  const columns = Array.from({ length: 4 }, () => new Float64Array(rows));
  const label = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const a = rng.int(0, 19) / 4;
    const b = rng.int(0, 14) / 2;
    const c = rng.int(0, 9);
    const d = rng.int(0, 1);
    const logit = 0.6 * a - (a > 3 && a < 4 ? 1.5 : 0) - 0.4 * b + (b === 3 ? 1.2 : 0) +
      (c % 3 === 0 ? 0.7 : -0.3) + 0.5 * d - 0.3;
    label[i] = rng.float() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    columns[0][i] = a;
    columns[1][i] = rng.float() < 0.15 ? NaN : b;
    columns[2][i] = c;
    columns[3][i] = d;
  }
  const data: Dataset = {
    features: [
      { name: "a", type: "numeric" },
      { name: "b", type: "numeric" },
      { name: "c", type: "numeric" },
      { name: "d", type: "boolean" },
    ],
    columns,
    rows,
    label,
  };
  const grid: number[][] = [];
  for (let a = 0; a < 20; a++) {
    for (const b of [NaN, ...Array.from({ length: 15 }, (_, k) => k / 2)]) {
      grid.push([a / 4, b, 3, 1]);
    }
  }
  const probes: Dataset = {
    features: data.features,
    columns: data.features.map((_, j) => Float64Array.from(grid, (row) => row[j])),
    rows: grid.length,
  };
  return { data, probes };
}
