/** The outlier model's JSON form (outliers.json), validated with zod on load. */
import { z } from "zod";
import { formatZodIssues } from "../../json/mod.ts";
import type { OutlierModel } from "./types.ts";

/** The file name of the outlier model in the candidate and in a version. */
export const OUTLIER_MODEL_FILE = "outliers.json";
/** The file name of its ONNX export. */
export const OUTLIER_ONNX_FILE = "outliers.onnx";

const TreeSchema = z.object({
  feature: z.array(z.int().min(-1)),
  threshold: z.array(z.number()),
  missingLeft: z.array(z.boolean()),
  left: z.array(z.int().min(-1)),
  right: z.array(z.int().min(-1)),
  pathLength: z.array(z.number().min(0)),
}).refine(
  (t) =>
    [t.threshold, t.missingLeft, t.left, t.right, t.pathLength].every((a) =>
      a.length === t.feature.length
    ),
  { message: "Expected every node array as long as feature" },
);

/** Schema of a saved outlier model; the single source of its runtime checks. */
export const OutlierModelSchema = z.object({
  format: z.literal("riskpipe.outliers"),
  formatVersion: z.literal(1),
  features: z.array(z.object({
    name: z.string(),
    type: z.enum(["numeric", "categorical", "boolean"]),
    levels: z.array(z.string()).optional(),
  })),
  forest: z.object({ trees: z.array(TreeSchema).min(1), sampleSize: z.int().min(2) }),
  mahalanobis: z.object({
    features: z.array(z.int().nonnegative()),
    centre: z.array(z.number()),
    scale: z.array(z.number().positive()),
    whitening: z.array(z.number()),
    shrinkage: z.number().min(0).max(1),
    winsorise: z.tuple([z.number(), z.number()]),
  }).refine((m) => m.whitening.length === m.features.length ** 2, {
    message: "Expected dims × dims whitening entries",
  }).optional(),
  thresholds: z.object({ isolation: z.number(), distance: z.number().nullable() }),
  trainingFlagRate: z.number().min(0).max(1),
  params: z.record(z.string(), z.unknown()),
});

/** Serialises an outlier model to JSON text. */
export function outlierModelToJson(model: OutlierModel): string {
  return JSON.stringify(model);
}

/**
 * Parses and validates a saved outlier model; throws a SyntaxError or a TypeError naming
 * every offending field.
 */
export function outlierModelFromJson(text: string): OutlierModel {
  const result = OutlierModelSchema.safeParse(JSON.parse(text));
  if (!result.success) {
    throw new TypeError(`Cannot load outlier model: ${formatZodIssues(result.error.issues)}`);
  }
  return result.data as OutlierModel;
}
