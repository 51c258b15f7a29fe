/**
 * The GBDT model as JSON: serialise, parse with validation (errors name the field,
 * e.g. `trees.3.left.7`), and file save/load.
 */
import { z } from "zod";
import type { GbdtModel } from "../types.ts";

const FeatureSpecSchema = z.object({
  name: z.string(),
  type: z.enum(["numeric", "categorical", "boolean"]),
  levels: z.array(z.string()).optional(),
});

const TreeSchema = z.object({
  feature: z.array(z.number().int().min(-1)),
  threshold: z.array(z.number()),
  defaultLeft: z.array(z.boolean()),
  left: z.array(z.number().int().min(-1)),
  right: z.array(z.number().int().min(-1)),
  value: z.array(z.number()),
  cover: z.array(z.number()),
  gain: z.array(z.number()),
});

const GbdtModelSchema = z.object({
  format: z.literal("riskpipe.gbdt"),
  formatVersion: z.literal(1),
  objective: z.literal("binary:logistic"),
  baseMargin: z.number(),
  features: z.array(FeatureSpecSchema),
  trees: z.array(TreeSchema),
  binning: z.object({ maxBin: z.number().int(), cuts: z.array(z.array(z.number())) }).optional(),
  params: z.record(z.string(), z.unknown()),
  bestIteration: z.number().int().min(0).optional(),
  calibration: z.object({
    method: z.literal("platt"),
    a: z.number(),
    b: z.number(),
    fittedOn: z.string(),
  }).optional(),
}).superRefine((model, ctx) => {
  model.trees.forEach((tree, t) => {
    const size = tree.feature.length;
    for (
      const key of ["threshold", "defaultLeft", "left", "right", "value", "cover", "gain"] as const
    ) {
      if (tree[key].length !== size) {
        ctx.addIssue({
          code: "custom",
          path: ["trees", t, key],
          message: `has ${tree[key].length} entries, feature has ${size}`,
        });
      }
    }
    for (let node = 0; node < size; node++) {
      const f = tree.feature[node];
      if (f >= model.features.length) {
        ctx.addIssue({
          code: "custom",
          path: ["trees", t, "feature", node],
          message: `no feature ${f}`,
        });
      }
      if (f < 0) continue;
      for (const side of ["left", "right"] as const) {
        const child = tree[side][node];
        if (!(child > node && child < size)) {
          ctx.addIssue({
            code: "custom",
            path: ["trees", t, side, node],
            message: `child ${child} is not a later node of the tree`,
          });
        }
      }
      if (Math.fround(tree.threshold[node]) !== tree.threshold[node]) {
        ctx.addIssue({
          code: "custom",
          path: ["trees", t, "threshold", node],
          message: "is not a float32 value",
        });
      }
    }
  });
});

/** Validates parsed JSON as a GBDT model; throws a TypeError naming each bad field. */
export function parseGbdtModel(json: unknown, source = "GBDT model"): GbdtModel {
  const result = GbdtModelSchema.safeParse(json);
  if (result.success) return result.data as GbdtModel;
  const problems = result.error.issues.map((issue) =>
    `${issue.path.join(".") || "(root)"}: ${issue.message}`
  );
  throw new TypeError(`Invalid ${source}: ${problems.slice(0, 5).join("; ")}`);
}

/** The model as JSON text. */
export function serializeGbdtModel(model: GbdtModel): string {
  return JSON.stringify(model);
}

/** Writes the model as JSON. */
export async function saveGbdtModel(path: string, model: GbdtModel): Promise<void> {
  await Deno.writeTextFile(path, serializeGbdtModel(model));
}

/** Reads and validates a model written by {@link saveGbdtModel}. */
export async function loadGbdtModel(path: string): Promise<GbdtModel> {
  const text = await Deno.readTextFile(path);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(`Cannot read GBDT model "${path}": ${(error as Error).message}`);
  }
  return parseGbdtModel(json, `GBDT model "${path}"`);
}
