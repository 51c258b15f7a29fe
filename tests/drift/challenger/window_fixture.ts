/**
 * A logged window of a shadow release over the drift fixture: every fifth applicant
 * scored by the production version (the champion's answer) and again by "v9999" (the
 * challenger's shadow row, its score 0.05 higher), one pair id per request, as
 * `exportWindow` writes it. Champion scores are (SK_ID_CURR % 100) / 100.
 */
import { join } from "node:path";
import { openDuckDb, queryRows, quoteLiteral } from "../../../lib/duckdb/mod.ts";
import { loadProductionModel } from "../../../lib/drift/reference.ts";
import type { DriftFixture } from "../fixture.ts";

/** The challenger version named in the shadow rows. */
export const SHADOW_CHALLENGER = "v9999";

/** Writes the window to `dir`/paired.parquet; returns its path, pairs and champion version. */
export async function writePairedWindow(
  fixture: DriftFixture,
  dir: string,
): Promise<{ path: string; pairs: number; champion: string }> {
  const champion = (await loadProductionModel(fixture.registry))!.version;
  const path = join(dir, "paired.parquet");
  const side = (version: string, shift: number, shadow: boolean, latency: number) => `
    select 'r' || SK_ID_CURR as request_id,
      timestamp '2026-11-01 00:00:00' + to_seconds(SK_ID_CURR::BIGINT) as time,
      ${quoteLiteral(version)} as model_version, '/predict' as endpoint,
      (SK_ID_CURR % 100) / 100.0 + ${shift} as score,
      case when (SK_ID_CURR % 100) / 100.0 + ${shift} < 0.5 then 'low' else 'high' end as tier,
      null::DOUBLE as outlier_score, null::BOOLEAN as outlier_flag,
      'r' || SK_ID_CURR as pair_id, ${shadow} as shadow,
      ${latency} + (SK_ID_CURR % 7)::DOUBLE as latency_ms,
      * exclude (TARGET)
    from read_parquet(${quoteLiteral(fixture.applicationPath)}) where SK_ID_CURR % 5 = 0`;
  const conn = await openDuckDb({ threads: 1 });
  try {
    await conn.run(
      `copy (${side(champion, 0, false, 1)} union all ${
        side(SHADOW_CHALLENGER, 0.05, true, 4)
      } order by request_id, shadow) to ${quoteLiteral(path)} (format parquet)`,
    );
    const [{ n }] = await queryRows(
      conn,
      `select count(*)::INTEGER as n from read_parquet(${quoteLiteral(path)}) where not shadow`,
    );
    return { path, pairs: Number(n), champion };
  } finally {
    conn.closeSync();
  }
}
