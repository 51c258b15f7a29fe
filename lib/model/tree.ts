/** Building blocks over the shared {@link Tree} format. */
import type { Tree } from "./types.ts";

/** A tree with no nodes yet, for builders that push nodes one by one. */
export function createEmptyTree(): Tree {
  return {
    feature: [],
    threshold: [],
    defaultLeft: [],
    left: [],
    right: [],
    value: [],
    cover: [],
    gain: [],
  };
}
