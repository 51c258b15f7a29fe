import assert from "node:assert/strict";
import { openDuckDb, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { parquetContentHash } from "../../lib/duckdb/content_hash.ts";

async function hashOf(select: string, options = "FORMAT parquet"): Promise<string> {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/t.parquet`;
  const conn = await openDuckDb({ threads: 1 });
  await conn.run(`COPY (${select}) TO ${quoteLiteral(path)} (${options})`);
  const hash = await parquetContentHash(conn, path);
  conn.closeSync();
  await Deno.remove(dir, { recursive: true });
  return hash;
}

const ROWS = "SELECT i, (i * 0.5)::DOUBLE AS x, 'v' || i AS s FROM range(1000) t(i)";

Deno.test("the content hash ignores compression and row groups", async () => {
  assert.equal(
    await hashOf(ROWS),
    await hashOf(ROWS, "FORMAT parquet, COMPRESSION uncompressed, ROW_GROUP_SIZE 100"),
  );
});

Deno.test("the content hash changes with row order, a value, -0 or a column name", async () => {
  const base = await hashOf(ROWS);
  assert.notEqual(await hashOf(`${ROWS} ORDER BY i DESC`), base);
  assert.notEqual(await hashOf(ROWS.replace("i * 0.5", "(i + (i = 3)::INT) * 0.5")), base);
  assert.notEqual(
    await hashOf(ROWS.replace("i * 0.5", "CASE WHEN i = 0 THEN '-0'::DOUBLE ELSE i * 0.5 END")),
    base,
  );
  assert.notEqual(await hashOf(ROWS.replace("AS x", "AS y")), base);
});
