/**
 * The names of the out-of-repo state a stage may declare in `state:` (what it reads) and
 * `writes_state:` (what it may change). Kept apart from the readers in state.ts so that
 * loading pipeline.yaml needs no registry code.
 */

/** Every state the runner can fingerprint; `registry.champion` is data/registry's Production version. */
export const STATE_NAMES = ["registry.champion"] as const;

/** One of {@link STATE_NAMES}. */
export type StateName = (typeof STATE_NAMES)[number];
