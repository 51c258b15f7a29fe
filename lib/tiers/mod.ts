/**
 * Risk tiers: named bands of the probability of default, cut at increasing thresholds.
 * One definition for the server (the tier of each score), batch scoring and the
 * evaluation report (outcomes by tier).
 */
import { z } from "zod";

/** Tier names and the cut-offs between consecutive tiers (one fewer than the names). */
export const TierSpec = z.object({
  names: z.array(z.string().min(1)).min(1),
  thresholds: z.array(z.number().gt(0).lt(1)),
}).superRefine((spec, ctx) => {
  if (spec.thresholds.length !== spec.names.length - 1) {
    ctx.addIssue({
      code: "custom",
      path: ["thresholds"],
      message: `Needs ${spec.names.length - 1} thresholds for ${spec.names.length} tiers`,
    });
  }
  spec.thresholds.forEach((t, i) => {
    if (i > 0 && t <= spec.thresholds[i - 1]) {
      ctx.addIssue({ code: "custom", path: ["thresholds", i], message: "Must be increasing" });
    }
  });
});

/** Tier names and thresholds, as stored with a registered version. */
export type TierSpec = z.infer<typeof TierSpec>;

/** Tiers used when a version was registered without any. */
export const DEFAULT_TIERS: TierSpec = {
  names: ["low", "medium", "high", "very_high"],
  thresholds: [0.05, 0.12, 0.25],
};

/**
 * The tier of a probability: the first whose threshold it is below, else the last.
 * @example
 * ```ts
 * import { assignTier, DEFAULT_TIERS } from "./mod.ts";
 * const tier = assignTier(0.07, DEFAULT_TIERS);
 * if (tier !== "medium") throw new Error(`expected medium, got ${tier}`);
 * ```
 */
export function assignTier(probability: number, tiers: TierSpec): string {
  return tiers.names[tierIndex(probability, tiers)];
}

/** The index of a probability's tier in `tiers.names`. */
export function tierIndex(probability: number, tiers: TierSpec): number {
  const { thresholds } = tiers;
  for (let i = 0; i < thresholds.length; i++) {
    if (probability < thresholds[i]) return i;
  }
  return thresholds.length;
}

/**
 * How the tiers of a version are set: fixed probability thresholds, or the thresholds
 * at quantiles of the training scores (derived by `evaluate`, see lib/tiers/quantile.ts,
 * and stored with the version, so serving reads plain thresholds either way).
 */
export type TierRule =
  | { by: "thresholds"; spec: TierSpec }
  | { by: "quantile"; names: string[]; quantiles: number[] };

/**
 * The tier params of pipeline.yaml: `serve.tier_names`, `serve.tier_thresholds`, and
 * `serve.tiers_by` (`thresholds`, the default, or `quantile` with `serve.tier_quantiles`,
 * one fewer than the names, increasing in (0, 1)).
 */
export const TierParams = z.strictObject({
  tier_names: z.array(z.string()).default(DEFAULT_TIERS.names),
  tier_thresholds: z.array(z.number()).default(DEFAULT_TIERS.thresholds),
  tiers_by: z.enum(["thresholds", "quantile"]).default("thresholds"),
  tier_quantiles: z.array(z.number().gt(0).lt(1)).optional(),
}).transform((p, ctx): TierRule => {
  if (p.tiers_by === "quantile") {
    const quantiles = p.tier_quantiles;
    if (quantiles === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["tier_quantiles"],
        message: "Required when serve.tiers_by is quantile",
      });
      return z.NEVER;
    }
    // The quantiles obey the thresholds' rules (count, increasing, inside (0, 1)).
    const shape = TierSpec.safeParse({ names: p.tier_names, thresholds: quantiles });
    if (shape.success) return { by: "quantile", names: p.tier_names, quantiles };
    for (const issue of shape.error.issues) {
      ctx.addIssue({
        code: "custom",
        path: ["tier_quantiles"],
        message: issue.message.replace("thresholds", "quantiles"),
      });
    }
    return z.NEVER;
  }
  const spec = TierSpec.safeParse({ names: p.tier_names, thresholds: p.tier_thresholds });
  if (spec.success) return { by: "thresholds", spec: spec.data };
  for (const issue of spec.error.issues) {
    ctx.addIssue({ code: "custom", path: ["tier_thresholds"], message: issue.message });
  }
  return z.NEVER;
});
