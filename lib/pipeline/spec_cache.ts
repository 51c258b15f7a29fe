/**
 * The parsed pipeline.yaml document kept in `.repro/pipeline-parse.json`, keyed by the
 * text's hash: YAML parsing is most of the cost of loading a large pipeline, and a
 * no-op repro should not pay it twice.
 */
import { join } from "node:path";
import { writeFileAtomic } from "./atomic.ts";
import { hashBytes } from "./hash.ts";

/** Where the parsed document is kept, relative to the repo root. */
export const PARSE_CACHE_FILE = ".repro/pipeline-parse.json";

/** True when JSON round-trips the value exactly (finite numbers, no undefined, plain data). */
function isJsonSafe(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonSafe);
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value as Record<string, unknown>).every(isJsonSafe);
  }
  return false;
}

/**
 * Returns the document parsed from `text`, from the cache when the text is unchanged;
 * otherwise calls `parse` and stores its result. A cache that cannot be read or written
 * is ignored.
 */
export async function parseWithCache(
  root: string,
  text: string,
  parse: (text: string) => unknown,
): Promise<unknown> {
  const path = join(root, PARSE_CACHE_FILE);
  const hash = hashBytes(text);
  try {
    const cached = JSON.parse(await Deno.readTextFile(path));
    if (cached?.hash === hash && "document" in cached) return cached.document;
  } catch {
    // Absent or unreadable: parse afresh below.
  }
  const document = parse(text);
  if (isJsonSafe(document)) {
    try {
      await Deno.mkdir(join(root, ".repro"), { recursive: true });
      await writeFileAtomic(path, JSON.stringify({ hash, document }));
    } catch {
      // A read-only checkout still loads; it just parses every time.
    }
  }
  return document;
}
