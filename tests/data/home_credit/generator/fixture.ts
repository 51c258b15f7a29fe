/** A small synthetic run shared by the generator tests (3,000 applicants, seed 7). */
import { generateHomeCredit } from "../../../../lib/data/home_credit/generator/mod.ts";
import { type DuckDBConnection, openDuckDb, queryRows } from "../../../../lib/duckdb/mod.ts";

export const FIXTURE_APPLICANTS = 3000;
export const FIXTURE_SEED = 7;

let generated: Promise<string> | undefined;

/** Generates the fixture once per test process and returns its directory. */
export function fixtureDir(): Promise<string> {
  generated ??= (async () => {
    const dir = await Deno.makeTempDir({ prefix: "riskpipe-generator-" });
    globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
    await generateHomeCredit({
      outDir: dir,
      seed: FIXTURE_SEED,
      applicants: FIXTURE_APPLICANTS,
      threads: 2,
    });
    return dir;
  })();
  return generated;
}

let connection: Promise<DuckDBConnection> | undefined;

/** Runs `sql` over the fixture, with `{dir}` replaced by its directory. */
export async function queryFixture(sql: string): Promise<Record<string, unknown>[]> {
  const dir = await fixtureDir();
  connection ??= openDuckDb({ threads: 2 });
  return await queryRows(await connection, sql.replaceAll("{dir}", dir));
}
