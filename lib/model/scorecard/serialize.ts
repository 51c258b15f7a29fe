/** The scorecard's JSON form, validated with zod on load. */
import { z } from "zod";
import { formatZodIssues } from "../../json/mod.ts";
import type { ScorecardModel } from "./types.ts";

const FeatureSpecSchema = z.object({
  name: z.string(),
  type: z.enum(["numeric", "categorical", "boolean"]),
  levels: z.array(z.string()).optional(),
});

const FeatureBinningSchema = z.object({
  cuts: z.array(z.number()),
  intervalBin: z.array(z.int().nonnegative()),
  count: z.array(z.number().nonnegative()).min(1),
  bads: z.array(z.number().nonnegative()),
  woe: z.array(z.number()),
  iv: z.number(),
  direction: z.union([z.literal(1), z.literal(-1)]),
});

/** Schema of a saved scorecard; the single source of its runtime checks. */
export const ScorecardModelSchema = z.object({
  format: z.literal("riskpipe.scorecard"),
  formatVersion: z.literal(1),
  features: z.array(FeatureSpecSchema),
  binning: z.array(FeatureBinningSchema),
  included: z.array(z.boolean()),
  coefficients: z.array(z.number()),
  intercept: z.number(),
  points: z.array(z.array(z.number())),
  referencePoints: z.array(z.number()),
  scaling: z.object({
    baseScore: z.number(),
    baseOdds: z.number().positive(),
    pdo: z.number().positive(),
    factor: z.number().positive(),
    offset: z.number(),
  }),
  params: z.record(z.string(), z.unknown()),
}).superRefine((model, context) => {
  const width = model.features.length;
  for (const key of ["binning", "included", "coefficients", "points", "referencePoints"] as const) {
    if (model[key].length !== width) {
      context.addIssue({
        code: "custom",
        path: [key],
        message: `Expected ${width} entries, one per feature`,
      });
    }
  }
  model.binning.forEach((binning, j) => {
    const bins = binning.count.length;
    const issue = (field: string, message: string) =>
      context.addIssue({ code: "custom", path: ["binning", j, field], message });
    if (binning.intervalBin.length !== binning.cuts.length + 1) {
      issue("intervalBin", `Expected ${binning.cuts.length + 1} entries, one per interval`);
    }
    if (binning.intervalBin.some((bin) => bin >= bins - 1)) {
      issue("intervalBin", `Expected value bins below ${bins - 1} (the last bin is missing)`);
    }
    if (binning.cuts.some((cut, k) => k > 0 && !(cut > binning.cuts[k - 1]))) {
      issue("cuts", "Expected strictly ascending cuts");
    }
    if (binning.bads.length !== bins || binning.woe.length !== bins) {
      issue("woe", `Expected ${bins} bads and WOE values, one per bin`);
    }
    if ((model.points[j]?.length ?? bins) !== bins) {
      context.addIssue({
        code: "custom",
        path: ["points", j],
        message: `Expected ${bins} points, one per bin`,
      });
    }
  });
});

/** Serialises a scorecard to JSON text. */
export function scorecardToJson(model: ScorecardModel): string {
  return JSON.stringify(model, null, 2);
}

/**
 * Parses and validates a saved scorecard; throws a SyntaxError or a TypeError naming
 * every offending field.
 */
export function scorecardFromJson(text: string): ScorecardModel {
  const result = ScorecardModelSchema.safeParse(JSON.parse(text));
  if (!result.success) {
    throw new TypeError(`Cannot load scorecard: ${formatZodIssues(result.error.issues)}`);
  }
  return result.data as ScorecardModel;
}
