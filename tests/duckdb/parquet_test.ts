import assert from "node:assert/strict";
import { copyToParquet } from "../../lib/duckdb/parquet.ts";
import { openDuckDb, queryRows, quoteLiteral } from "../../lib/duckdb/mod.ts";

Deno.test("copyToParquet writes the query's rows and ends its progress at 100", async () => {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-parquet-" });
  const conn = await openDuckDb({ threads: 1 });
  const seen: number[] = [];
  const rows = await copyToParquet(conn, "SELECT range AS x FROM range(1000)", `${dir}/x.parquet`, {
    onProgress: (percent) => seen.push(percent),
  });
  assert.equal(rows, 1000);
  assert.equal(seen[seen.length - 1], 100);
  const [row] = await queryRows(
    conn,
    `SELECT sum(x) AS s, typeof(any_value(x)) AS t FROM ${quoteLiteral(`${dir}/x.parquet`)}`,
  );
  assert.deepEqual(row, { s: 499500, t: "BIGINT" });
  conn.closeSync();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("the same rows give the same parquet bytes", async () => {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-parquet-" });
  const conn = await openDuckDb({ threads: 2 });
  const sql = "SELECT range AS id, range * 0.5 AS half, 'v' || (range % 7) AS label " +
    "FROM range(300000)";
  await copyToParquet(conn, sql, `${dir}/a.parquet`);
  await copyToParquet(conn, sql, `${dir}/b.parquet`);
  conn.closeSync();
  assert.deepEqual(
    await Deno.readFile(`${dir}/a.parquet`),
    await Deno.readFile(`${dir}/b.parquet`),
  );
  await Deno.remove(dir, { recursive: true });
});
