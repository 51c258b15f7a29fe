/**
 * reference_sketch.json: the sketch as JSON (typed arrays as number lists), parsed back
 * with its shape checked. JSON keeps every finite double exactly (shortest round-trip
 * form); -0 is written as 0, which every drift statistic treats alike.
 */
import { z } from "zod";
import { formatZodIssues } from "../../json/mod.ts";
import type { ReferenceSketch } from "./sketch.ts";

/** The file a version stores its sketch in. */
export const REFERENCE_SKETCH_FILE = "reference_sketch.json";

const numbers = z.array(z.number());
const counts = z.array(z.number().int().nonnegative());

const Numeric = z.object({
  kind: z.literal("numeric"),
  rows: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
  bins: z.number().int().min(2),
  edges: numbers,
  binCounts: counts,
  cdfValues: numbers,
  cdfCounts: counts,
  ksBound: z.number().min(0).max(1),
}).transform((s) => ({
  ...s,
  cdfValues: Float64Array.from(s.cdfValues),
  cdfCounts: Float64Array.from(s.cdfCounts),
}));

const Categorical = z.object({
  kind: z.literal("categorical"),
  rows: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
  counts,
}).transform((s) => ({ ...s, counts: Float64Array.from(s.counts) }));

const SketchFile = z.object({
  formatVersion: z.literal(1),
  reference: z.object({
    path: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    rows: z.number().int().nonnegative(),
  }),
  bins: z.number().int().min(2),
  points: z.number().int().positive(),
  features: z.array(z.object({
    name: z.string(),
    type: z.enum(["numeric", "categorical", "boolean"]),
    levels: z.array(z.string()).optional(),
    summary: z.union([Numeric, Categorical]),
  })),
  score: Numeric.optional(),
});

/** The sketch as the text of reference_sketch.json. */
export function sketchToJson(sketch: ReferenceSketch): string {
  return JSON.stringify(
    sketch,
    (_, value) => value instanceof Float64Array ? Array.from(value) : value,
  ) + "\n";
}

/**
 * Parses reference_sketch.json; `where` names the file in errors.
 * @example
 * ```ts
 * import { sketchFromJson, sketchToJson } from "./format.ts";
 * import { sketchReference } from "./sketch.ts";
 * const sketch = sketchReference({
 *   features: [{ name: "a", type: "numeric", source: "a", description: "a" }],
 *   columns: [Float64Array.of(0.1, 0.2, NaN)],
 *   reference: { path: "train.parquet", sha256: "0".repeat(64) },
 *   bins: 10,
 * });
 * const back = sketchFromJson(sketchToJson(sketch), "reference_sketch.json");
 * if (back.features[0].summary.missing !== 1) throw new Error("expected one missing value");
 * ```
 */
export function sketchFromJson(text: string, where: string): ReferenceSketch {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(`Cannot read ${where}: ${(error as Error).message}`);
  }
  const parsed = SketchFile.safeParse(json);
  if (!parsed.success) {
    throw new SyntaxError(`Cannot read ${where}: ${formatZodIssues(parsed.error.issues)}`);
  }
  return parsed.data as ReferenceSketch;
}
