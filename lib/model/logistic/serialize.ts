/** The logistic model's JSON form, validated with zod on load. */
import { z } from "zod";
import { formatZodIssues } from "../../json/mod.ts";
import type { LogisticModel } from "../types.ts";

const FeatureSpecSchema = z.object({
  name: z.string(),
  type: z.enum(["numeric", "categorical", "boolean"]),
  levels: z.array(z.string()).optional(),
});

const DesignColumnSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("numeric"),
    feature: z.int().nonnegative(),
    impute: z.number(),
    mean: z.number(),
    scale: z.number().positive(),
  }),
  z.object({
    kind: z.literal("level"),
    feature: z.int().nonnegative(),
    code: z.int().nonnegative(),
  }),
]);

/** Schema of a saved logistic model; the single source of its runtime checks. */
export const LogisticModelSchema = z.object({
  format: z.literal("riskpipe.logistic"),
  formatVersion: z.literal(1),
  features: z.array(FeatureSpecSchema),
  design: z.array(DesignColumnSchema),
  coefficients: z.array(z.number()),
  intercept: z.number(),
  designMeans: z.array(z.number()).optional(),
  params: z.record(z.string(), z.unknown()),
}).superRefine((model, context) => {
  if (model.coefficients.length !== model.design.length) {
    context.addIssue({
      code: "custom",
      path: ["coefficients"],
      message: `Expected ${model.design.length} coefficients, one per design column`,
    });
  }
  if (model.designMeans !== undefined && model.designMeans.length !== model.design.length) {
    context.addIssue({
      code: "custom",
      path: ["designMeans"],
      message: `Expected ${model.design.length} design means, one per design column`,
    });
  }
  model.design.forEach((column, c) => {
    if (column.feature >= model.features.length) {
      context.addIssue({
        code: "custom",
        path: ["design", c, "feature"],
        message: `Feature ${column.feature} does not exist`,
      });
    }
  });
});

/** Serialises a logistic model to JSON text. */
export function logisticToJson(model: LogisticModel): string {
  return JSON.stringify(model, null, 2);
}

/**
 * Parses and validates a saved logistic model; throws a SyntaxError or a TypeError
 * naming every offending field.
 */
export function logisticFromJson(text: string): LogisticModel {
  const result = LogisticModelSchema.safeParse(JSON.parse(text));
  if (!result.success) {
    throw new TypeError(`Cannot load logistic model: ${formatZodIssues(result.error.issues)}`);
  }
  return result.data;
}
