/** What /health says about a release: its mode and the challenger's state. */
import type { ReleaseRouting } from "./routing.ts";

/** The `release` field of /health. */
export interface ReleaseHealth {
  mode: "single" | "shadow" | "canary";
  /** Percent of applicants sent to the challenger (canary only). */
  weight?: number;
  /** Null in a single release. */
  challenger: {
    /** The alias or version the policy names. */
    spec: string;
    /** The version loaded (null: none, e.g. its load failed); the champion serves alone then. */
    version: string | null;
    loadedAt: string | null;
    /** Why the last load failed, if it did. */
    lastReloadError: string | null;
  } | null;
}

/** The release part of /health. */
export function releaseHealth(release: ReleaseRouting): ReleaseHealth {
  const policy = release.policy;
  if (policy.mode === "single") return { mode: "single", challenger: null };
  const live = release.challenger;
  const status = live?.status();
  return {
    mode: policy.mode,
    ...(policy.mode === "canary" ? { weight: policy.weight } : {}),
    challenger: {
      spec: policy.challenger,
      version: live?.current()?.version ?? null,
      loadedAt: status?.loadedAt ?? null,
      lastReloadError: status?.lastError ?? null,
    },
  };
}
