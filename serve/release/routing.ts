/**
 * Which loaded version meets a request under the release policy: the champion, or in a
 * canary the challenger for the applicants whose bucket is below the weight; and which
 * version shadows it. A challenger that is not loaded (none named, or its load failed)
 * leaves every request to the champion.
 */
import type { LiveModel } from "../../lib/scoring/live_model.ts";
import { type CanarySplit, createCanarySplit } from "../../lib/scoring/release/canary.ts";
import { type ReleasePolicy, STICKY_BY_KEY } from "../../lib/scoring/release/policy.ts";

/** The release as the routes see it. */
export interface ReleaseRouting {
  policy: ReleasePolicy;
  champion: LiveModel;
  challenger: LiveModel | undefined;
  /** The live model that answers a request with this JSON body. */
  answering(body: unknown): LiveModel;
  /** The live model that shadows requests now, if any. */
  shadowing(): LiveModel | undefined;
}

/** Builds the routing; `seed` drives the canary's draw for requests without an id. */
export function createReleaseRouting(
  policy: ReleasePolicy,
  champion: LiveModel,
  challenger: LiveModel | undefined,
  seed = 1,
): ReleaseRouting {
  const split: CanarySplit | undefined = policy.mode === "canary"
    ? createCanarySplit(policy.weight, seed)
    : undefined;
  const stickyField = () => {
    if (policy.mode !== "canary") return undefined;
    return policy.sticky_by === STICKY_BY_KEY ? champion.current()?.manifest.key : policy.sticky_by;
  };
  return {
    policy,
    champion,
    challenger,
    answering(body) {
      if (split === undefined || challenger?.current() === undefined) return champion;
      const field = stickyField();
      const id = field === undefined ? undefined : applicantId(body, field);
      return split.toChallenger(id) ? challenger : champion;
    },
    shadowing() {
      if (policy.mode !== "shadow" || challenger?.current() === undefined) return undefined;
      return challenger;
    },
  };
}

function applicantId(body: unknown, field: string): string | number | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const id = (body as Record<string, unknown>)[field];
  return typeof id === "string" || typeof id === "number" ? id : undefined;
}
