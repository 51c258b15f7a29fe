/**
 * Sorting shared by the statistics of several folders (the split's leakage AUCs, the
 * validation report's PSI/CSI): typed-array sorts in the native sort's order, faster.
 */
export { sortFloat64 } from "./sort_float64.ts";
