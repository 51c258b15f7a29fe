/** Reads data/raw/parquet/source.json, ingest's note of what the raw parquet holds. */
import { join } from "node:path";
import { z } from "zod";

/** data/raw/parquet/source.json */
export const SourceInfo = z.object({
  source: z.enum(["synthetic", "home-credit", "csv"]),
  tables: z.array(z.string()),
  rows: z.record(z.string(), z.number()),
});

/** What ingest wrote: the source kind, its tables and their row counts. */
export type SourceInfo = z.infer<typeof SourceInfo>;

/** Reads and checks `source.json` in a raw parquet directory. */
export async function readSourceInfo(parquetDir: string): Promise<SourceInfo> {
  const path = join(parquetDir, "source.json");
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(`Cannot read "${path}": it does not exist (run ingest first)`);
    }
    throw error;
  }
  const parsed = SourceInfo.safeParse(JSON.parse(text));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new TypeError(`Cannot read "${path}": ${problems.join("; ")}`);
}
