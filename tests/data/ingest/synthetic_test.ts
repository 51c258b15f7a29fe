import assert from "node:assert/strict";
import { ingestSynthetic, readSourceInfo } from "../../../lib/data/ingest/mod.ts";
import { HOME_CREDIT_TABLES } from "../../../lib/contracts/home_credit_schema.ts";
import { openDuckDb, queryRows, quoteLiteral } from "../../../lib/duckdb/mod.ts";
import { createProgress } from "../../../lib/progress/mod.ts";

Deno.test("the synthetic source writes seven tables and a source.json with their rows", async () => {
  const outDir = await Deno.makeTempDir({ prefix: "riskpipe-synthetic-" });
  const info = await ingestSynthetic({ outDir, seed: 11, applicants: 300, threads: 1 });
  assert.deepEqual(await readSourceInfo(outDir), info);
  assert.equal(info.source, "synthetic");
  assert.deepEqual(info.tables, [...HOME_CREDIT_TABLES]);
  const conn = await openDuckDb({ threads: 1 });
  for (const table of HOME_CREDIT_TABLES) {
    const [row] = await queryRows(
      conn,
      `SELECT count(*) AS n FROM ${quoteLiteral(`${outDir}/${table}.parquet`)}`,
    );
    assert.equal(info.rows[table], row.n, table);
  }
  conn.closeSync();
  assert.equal(info.rows.application_train, 300);
  await Deno.remove(outDir, { recursive: true });
});

Deno.test("the synthetic source reports progress up to its expected row total", async () => {
  const outDir = await Deno.makeTempDir({ prefix: "riskpipe-synthetic-" });
  const lines: string[] = [];
  let expected = 0;
  await ingestSynthetic({
    outDir,
    seed: 11,
    applicants: 300,
    threads: 1,
    progress: (total) => {
      expected = total;
      return createProgress({
        label: "generate",
        total,
        stream: { isTerminal: false, write: (text) => void lines.push(text) },
        now: () => 0,
      });
    },
  });
  // Kaggle's 58.4M rows over 307,511 applicants, scaled to 300 applicants.
  assert.equal(expected, 57014);
  assert.match(lines[lines.length - 1], /^generate \[#+\] 100% 57014\/57014 credit_card_balance/);
  await Deno.remove(outDir, { recursive: true });
});
