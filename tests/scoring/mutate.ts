/** Seeded mutations of request rows for fuzz tests. */
import type { Rng } from "../../lib/random/mod.ts";

const WEIRD: unknown[] = [
  null,
  true,
  false,
  0,
  -0,
  -1,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER + 2,
  "",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e999",
  "\u0000",
  "\ud800",
  "🙂".repeat(50),
  "x".repeat(5000),
  [],
  [1, 2],
  {},
  { nested: { deeper: [null] } },
  "__proto__",
];

/** A random value: odd JSON values, numbers of any scale, small ints or random text. */
export function pickValue(rng: Rng): unknown {
  switch (rng.int(0, 3)) {
    case 0:
      return WEIRD[rng.int(0, WEIRD.length - 1)];
    case 1:
      return (rng.float() - 0.5) * 10 ** rng.int(0, 12);
    case 2:
      return rng.int(-5, 5);
    default:
      return String.fromCharCode(
        ...Array.from({ length: rng.int(0, 8) }, () => rng.int(0, 0xffff)),
      );
  }
}

/** A copy of `row` with one to four fields deleted, renamed, or set to random values. */
export function mutateRow(rng: Rng, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  const keys = Object.keys(out);
  for (let k = rng.int(1, 4); k > 0; k--) {
    const key = keys[rng.int(0, keys.length - 1)];
    const action = rng.int(0, 3);
    if (action === 0) delete out[key];
    else if (action === 1) out[`${key}_${rng.int(0, 9)}`] = pickValue(rng);
    else out[key] = pickValue(rng);
  }
  if (rng.float() < 0.05) out["__proto__"] = { polluted: true };
  return out;
}
