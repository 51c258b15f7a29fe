/** Interop with XGBoost's JSON model format. */
export { importXgboostJson } from "./import.ts";
export { importXgboostBytes } from "./bytes.ts";
export { alignToFeatures } from "./align.ts";
export { branchProbe } from "./probe.ts";
