/**
 * The canary split: an applicant's id hashes (FNV-1a, 32 bits) to a bucket 0–99 and
 * buckets below the weight meet the challenger, so one applicant always meets one
 * version while the weight stands; a request without an id draws its bucket from a
 * seeded stream.
 */
import { createRng, type Rng } from "../../random/mod.ts";

/** The bucket (0–99) of an applicant id: the same id gives the same bucket everywhere. */
export function canaryBucket(id: string | number): number {
  const text = String(id);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 100;
}

/** Chooses, request by request, whether the challenger answers. */
export interface CanarySplit {
  /** True when the applicant with `id` (undefined: none given) meets the challenger. */
  toChallenger(id: string | number | undefined): boolean;
}

/** A split sending `weight`% (0–100) to the challenger; `seed` drives id-less requests. */
export function createCanarySplit(weight: number, seed = 1): CanarySplit {
  const rng: Rng = createRng(seed);
  return {
    toChallenger(id) {
      const bucket = id === undefined ? Math.floor(rng.float() * 100) : canaryBucket(id);
      return bucket < weight;
    },
  };
}
