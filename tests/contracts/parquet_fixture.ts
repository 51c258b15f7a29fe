/** Tiny hand-written parquet fixtures for contract tests, written under a temp dir. */
import { type DuckDBConnection, openDuckDb } from "../../lib/duckdb/mod.ts";
import { TableContract } from "../../lib/contracts/mod.ts";

/** A DuckDB connection and a temp dir to write fixtures into. */
export interface Fixture {
  conn: DuckDBConnection;
  dir: string;
  /** Writes `SELECT …` to <dir>/<name>.parquet and returns the path. */
  parquet(name: string, select: string): Promise<string>;
  close(): Promise<void>;
}

/** Opens a fixture workspace. */
export async function openFixture(): Promise<Fixture> {
  const conn = await openDuckDb({ threads: 1 });
  const dir = await Deno.makeTempDir();
  return {
    conn,
    dir,
    async parquet(name, select) {
      const path = `${dir}/${name}.parquet`;
      await conn.run(`COPY (${select}) TO '${path}' (FORMAT PARQUET)`);
      return path;
    },
    async close() {
      conn.closeSync();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** Parses a contract literal, so fixtures are checked like files on disk. */
export function contract(value: unknown): TableContract {
  return TableContract.parse(value);
}
