/**
 * A JSON file read at scrape time (the drift site's report.json, performance.json): parsed
 * again only when its inode, size or mtime change, so a scrape costs a stat. A missing
 * file, or one that does not parse or match its schema, reads as undefined.
 */
import type { z } from "zod";

/** Returns a reader of `path` checked by `schema`, cached until the file changes. */
export function watchedJsonFile<T>(path: string, schema: z.ZodType<T>): () => T | undefined {
  let seen = "";
  let value: T | undefined;
  return () => {
    let stamp: string;
    try {
      const info = Deno.statSync(path);
      stamp = `${info.ino} ${info.size} ${info.mtime?.getTime()}`;
    } catch {
      seen = "";
      return value = undefined;
    }
    if (stamp === seen) return value;
    seen = stamp;
    try {
      const parsed = schema.safeParse(JSON.parse(Deno.readTextFileSync(path)));
      value = parsed.success ? parsed.data : undefined;
    } catch {
      value = undefined;
    }
    return value;
  };
}
