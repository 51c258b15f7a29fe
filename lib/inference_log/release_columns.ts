/** The release columns of a log row (shadow, latency_ms) read back as record fields. */
import type { InferenceRecord } from "./types.ts";

/** `{ shadow, latencyMs }` from the shadow and latency_ms columns, each absent when null. */
export function loggedRelease(
  shadow: unknown,
  latencyMs: unknown,
): Pick<InferenceRecord, "shadow" | "latencyMs"> {
  return {
    // SQLite stores the flag as 1, PostgreSQL as true.
    ...(shadow === true || Number(shadow) === 1 ? { shadow: true } : {}),
    ...(latencyMs === null || latencyMs === undefined ? {} : { latencyMs: Number(latencyMs) }),
  };
}
