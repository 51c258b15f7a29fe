/**
 * The protected attributes named in params, resolved against a feature manifest: which
 * manifest features they are, and the manifest the model trains on (the one place the
 * exclusion from training is applied).
 */
import type { FeatureManifest, ManifestFeature } from "../features/manifest/mod.ts";
import { closestName } from "../pipeline/spec/closest_name.ts";
import { excludedAttributes, type GovernanceParams } from "./params.ts";

/**
 * A protected attribute that is not a column of the feature store. Named "ParamError",
 * the name lib/stage/failure.ts gives exit code 2, so a stage reports it as a param mistake.
 */
export class ProtectedAttributeError extends RangeError {
  /** One line per unknown attribute: `governance.protected.1: unknown attribute …`. */
  readonly problems: string[];
  constructor(problems: string[]) {
    super(
      problems.length === 1
        ? `Invalid param ${problems[0]}`
        : `Invalid params: ${problems.length} problems\n${
          problems.map((p) => `  - Invalid param ${p}`).join("\n")
        }`,
    );
    this.name = "ParamError";
    this.problems = problems;
  }
}

/**
 * The features that may be protected attributes: categorical and boolean ones, and any
 * column of a csv source (a numeric one is grouped by its values); TF-IDF terms never.
 */
export function protectableFeatures(manifest: FeatureManifest): ManifestFeature[] {
  return manifest.features.filter((f) =>
    f.text === undefined && (f.type !== "numeric" || f.source === "csv")
  );
}

/**
 * The manifest features of `governance.protected`, in that order; a name that is not a
 * protectable feature is a ProtectedAttributeError naming it and listing the valid ones.
 * @example
 * ```ts ignore
 * resolveProtected(manifest, governance).map((f) => f.name); // ["CODE_GENDER", "age_band"]
 * ```
 */
export function resolveProtected(
  manifest: FeatureManifest,
  governance: GovernanceParams,
): ManifestFeature[] {
  const valid = protectableFeatures(manifest);
  const byName = new Map(valid.map((f) => [f.name, f]));
  const names = valid.map((f) => f.name);
  const problems = governance.protected.flatMap((name, i) => {
    if (byName.has(name)) return [];
    const hint = closestName(name, names);
    return [
      `governance.protected.${i}: unknown attribute "${name}"${
        hint === undefined ? "" : ` (did you mean ${hint}?)`
      }: the valid ones are ${names.length === 0 ? "none" : names.join(", ")}`,
    ];
  });
  if (problems.length > 0) throw new ProtectedAttributeError(problems);
  return governance.protected.map((name) => byName.get(name)!);
}

/**
 * The manifest the model is trained on: `manifest` without the protected attributes
 * excluded from training (each checked to exist first).
 * @example
 * ```ts ignore
 * const trained = trainingManifest(splitManifest, governance);
 * ```
 */
export function trainingManifest(
  manifest: FeatureManifest,
  governance: GovernanceParams,
): FeatureManifest {
  resolveProtected(manifest, governance);
  const excluded = new Set(excludedAttributes(governance));
  if (excluded.size === 0) return manifest;
  return { ...manifest, features: manifest.features.filter((f) => !excluded.has(f.name)) };
}
