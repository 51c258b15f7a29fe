/** Interop with XGBoost's JSON model format. */
export { importXgboostJson } from "./import.ts";
