/** Checks a file `score` wrote against expected probabilities, row by row by applicant id. */
import assert from "node:assert/strict";
import { openDuckDb, queryRows, quoteLiteral } from "../../lib/duckdb/mod.ts";

/** Every row's `score` in `outputPath` within 1e-6 of `expected` at its id's position in `ids`. */
export async function assertScoresById(
  outputPath: string,
  ids: ArrayLike<number>,
  expected: ArrayLike<number>,
): Promise<void> {
  const position = new Map(Array.from(ids, (id, i) => [id, i]));
  const conn = await openDuckDb({ threads: 1 });
  try {
    const rows = await queryRows(conn, `select * from read_parquet(${quoteLiteral(outputPath)})`);
    for (const row of rows) {
      const i = position.get(Number(row.SK_ID_CURR))!;
      assert.ok(
        Math.abs((row.score as number) - expected[i]) <= 1e-6,
        `SK_ID_CURR ${row.SK_ID_CURR}`,
      );
    }
  } finally {
    conn.closeSync();
  }
}
