/**
 * The server's defaults, in one place: `createApp` falls back to them when a dependency
 * leaves a limit out, and serve/options.ts when neither a flag nor an env var sets it.
 */

/** Defaults of the scoring server. */
export const SERVE_DEFAULTS = {
  port: 8000,
  hostname: "127.0.0.1",
  registry: "data/registry",
  /** The registry alias whose version is served. */
  alias: "champion",
  driftDir: "reports/drift",
  /** Largest request body: 8 MiB (1,000 full application rows take ~3.5 MB). */
  maxBodyBytes: 8 << 20,
  /** Largest /predict/batch in rows. */
  maxBatchRows: 1000,
  /** Recent inferences the admin endpoint keeps. */
  recentLimit: 200,
  /** How often the registry is checked for a promotion, in milliseconds. */
  pollMs: 2000,
} as const;
