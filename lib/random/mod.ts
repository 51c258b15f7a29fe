/**
 * Seeded random numbers shared by every part of riskpipe that samples: the synthetic
 * data generator, the split, GBDT row/column subsampling, fuzz tests. One seed gives
 * one sequence on every machine (xoroshiro128+ from pure-rand).
 */
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/** A seeded stream of random values; every call advances the stream. */
export interface Rng {
  /** Uniform in [0, 1) with 53 random bits. */
  float(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** True with probability p. */
  bernoulli(p: number): boolean;
  /** Shuffles `values` in place (Fisher–Yates) and returns it. */
  shuffle<T>(values: T[]): T[];
  /** An independent stream derived from this one (2^64 steps away). */
  fork(): Rng;
}

const TWO_POW_32 = 0x100000000;

/**
 * Creates a seeded random stream.
 * @example
 * ```ts
 * import { createRng } from "./mod.ts";
 * // the same value on every run
 * if (createRng(42).float() !== createRng(42).float()) throw new Error("expected one value");
 * ```
 */
export function createRng(seed: number): Rng {
  const gen = xoroshiro128plus(seed | 0);
  // The first outputs of a small seed are far from uniform; step past them.
  for (let i = 0; i < 16; i++) gen.next();
  return wrap(gen);
}

type Generator = ReturnType<typeof xoroshiro128plus>;

function wrap(gen: Generator): Rng {
  let spareNormal: number | undefined;
  const float = (): number => {
    const hi = (gen.next() >>> 0) >>> 5; // 27 bits
    const lo = (gen.next() >>> 0) >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  };
  return {
    float,
    int(min, max) {
      const span = max - min + 1;
      if (span <= TWO_POW_32) return min + Math.floor(float() * span);
      throw new RangeError(`Cannot draw an integer: range ${min}..${max} is wider than 2^32`);
    },
    normal() {
      if (spareNormal !== undefined) {
        const value = spareNormal;
        spareNormal = undefined;
        return value;
      }
      let u = 0;
      while (u === 0) u = float();
      const v = float();
      const radius = Math.sqrt(-2 * Math.log(u));
      spareNormal = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
    bernoulli(p) {
      return float() < p;
    },
    shuffle(values) {
      for (let i = values.length - 1; i > 0; i--) {
        const j = Math.floor(float() * (i + 1));
        const tmp = values[i];
        values[i] = values[j];
        values[j] = tmp;
      }
      return values;
    },
    fork() {
      const copy = gen.clone();
      gen.jump();
      return wrap(copy);
    },
  };
}
