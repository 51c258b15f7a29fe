/**
 * Governance of a model's inputs: the protected attributes (params `governance`), which
 * of them training may not see, and reading them from a split for the fairness report
 * (computed in lib/evaluation/fairness.ts).
 */
export { excludedAttributes, GovernanceParams } from "./params.ts";
export {
  protectableFeatures,
  ProtectedAttributeError,
  resolveProtected,
  trainingManifest,
} from "./protected.ts";
export { readProtectedColumns } from "./read_protected.ts";
