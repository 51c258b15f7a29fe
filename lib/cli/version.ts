/** The riskpipe version, read from deno.json's "version" so there is one place to bump it. */
import denoJson from "../../deno.json" with { type: "json" };

/** The version string, e.g. "0.1.0" ("unknown" when deno.json has none). */
export const VERSION: string = (denoJson as { version?: string }).version ?? "unknown";

/** The line `--version` prints, e.g. "riskpipe 0.1.0 (Deno 2.9.6)". */
export function versionLine(): string {
  return `riskpipe ${VERSION} (Deno ${Deno.version.deno})`;
}
