/**
 * Writes the split's train and test parquet at once on two connections of one DuckDB
 * database: a part's parquet writer works one row group at a time, so one part alone
 * leaves a core idle, while two databases would each start a thread per core and fight
 * over them. Membership is a bit string filter (bit i: store row i is a test row) rather
 * than a join against a table of test rows. Rows keep store order: a filtered scan under
 * preserve_insertion_order writes them in file order without a sort; only the join with the
 * text features, which does not keep order, needs the ORDER BY.
 */
import { join } from "node:path";
import { type DuckDBConnection, quoteIdent, quoteLiteral } from "../duckdb/mod.ts";
import { PARQUET_ZSTD_LEVEL } from "../duckdb/parquet.ts";
import type { FeatureManifest } from "../features/manifest/mod.ts";
import {
  TEXT_FEATURE_TABLE,
  type TextSplit,
  writeTextFeatureTable,
} from "../features/text/split_fit.ts";

/** What {@link writeParts} writes from. */
export interface PartsSource {
  /** The store read with `file_row_number` (a `read_parquet(…)` expression). */
  source: string;
  manifest: FeatureManifest;
  outDir: string;
}

/** The temp table holding the membership bit string (one row, column `b`). */
const TEST_BITS_TABLE = "test_row_bits";

/**
 * Writes `train.parquet` (rows with isTest 0) and `test.parquet` (isTest 1) to `outDir`,
 * `train` on `connections[0]` and `test` on `connections[1]`, each through a temp file.
 */
export async function writeParts(
  connections: readonly [DuckDBConnection, DuckDBConnection],
  parts: PartsSource,
  isTest: Uint8Array,
  text: TextSplit | null,
): Promise<void> {
  await Deno.mkdir(parts.outDir, { recursive: true });
  const bits = membershipBits(isTest);
  // Settled, not Promise.all: a failed part must not close the other's connection mid-write.
  const results = await Promise.allSettled((["train", "test"] as const).map(async (part, k) => {
    const conn = connections[k];
    if (text !== null) await writeTextFeatureTable(conn, text);
    await conn.run(`CREATE TEMP TABLE ${TEST_BITS_TABLE} AS SELECT ${bits}::BIT AS b`);
    await conn.run("SET preserve_insertion_order = true");
    await writePart(conn, parts, part, text !== null);
  }));
  for (const result of results) if (result.status === "rejected") throw result.reason;
}

/**
 * `isTest` as a quoted DuckDB BIT literal, most significant bit first: `get_bit(b, i)` is
 * isTest[i].
 * @example
 * ```ts
 * import { membershipBits } from "./write_parts.ts";
 * if (membershipBits(Uint8Array.of(0, 1, 1)) !== "'011'") throw new Error("wrong bits");
 * ```
 */
export function membershipBits(isTest: Uint8Array): string {
  const chars = new Uint8Array(isTest.length);
  for (let i = 0; i < isTest.length; i++) chars[i] = isTest[i] === 1 ? 0x31 : 0x30;
  return `'${new TextDecoder().decode(chars)}'`;
}

async function writePart(
  conn: DuckDBConnection,
  parts: PartsSource,
  part: "train" | "test",
  withText: boolean,
): Promise<void> {
  const bit = part === "test" ? 1 : 0;
  const path = join(parts.outDir, `${part}.parquet`);
  await conn.run(
    `COPY (${partSelect(parts, withText)} ` +
      `WHERE get_bit((SELECT b FROM ${TEST_BITS_TABLE}), s.file_row_number::INTEGER) = ${bit}` +
      `${withText ? " ORDER BY s.file_row_number" : ""}) ` +
      `TO ${quoteLiteral(`${path}.partial`)} ` +
      `(FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL ${PARQUET_ZSTD_LEVEL})`,
  );
  await Deno.rename(`${path}.partial`, path);
}

/** The store's columns, with its text columns replaced by their TF-IDF features. */
function partSelect(parts: PartsSource, withText: boolean): string {
  if (!withText) return `SELECT s.* EXCLUDE (file_row_number) FROM ${parts.source} s`;
  const text = (parts.manifest.text ?? []).map((c) => quoteIdent(c.name));
  return `SELECT s.* EXCLUDE (file_row_number, ${text.join(", ")}), t.* EXCLUDE (r) ` +
    `FROM ${parts.source} s JOIN ${TEXT_FEATURE_TABLE} t ON t.r = s.file_row_number`;
}
