/**
 * Reference sketches: a version's training split summarised at registration (PSI edges
 * and bin counts, category counts, missing counts, a capped CDF for KS), its JSON file,
 * and the check that a drift run may use it instead of the split.
 * @example
 * ```ts
 * import { fitSketch, sketchReference } from "./mod.ts";
 * const features = [{ name: "a", type: "numeric", source: "a", description: "a" }] as const;
 * const reference = { path: "train.parquet", sha256: "0".repeat(64) };
 * const sketch = sketchReference({ features, columns: [Float64Array.of(1, 2)], reference, bins: 10 });
 * if (!fitSketch(sketch, { features, bins: 10 }).fits) throw new Error("expected a fit");
 * ```
 */
export {
  chartSample,
  fitSketch,
  type ReferenceSketch,
  SKETCH_POINTS,
  type SketchedFeature,
  type SketchFit,
  type SketchInput,
  sketchReference,
} from "./sketch.ts";
export { REFERENCE_SKETCH_FILE, sketchFromJson, sketchToJson } from "./format.ts";
