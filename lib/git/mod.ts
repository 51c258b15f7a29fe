/**
 * The git commit a result was produced from, and whether the tree had local changes.
 */
export { type GitState, gitState } from "./state.ts";
