import assert from "node:assert/strict";
import { openDuckDb, queryNumericColumns } from "../../lib/data/duckdb.ts";

Deno.test("numeric columns read across chunks, with NULL as NaN in the right rows", async () => {
  const conn = await openDuckDb({ threads: 1 });
  try {
    // 5,000 rows span three 2,048-row chunks; every 7th is NULL, others i / 4.
    const { names, columns, rows } = await queryNumericColumns(
      conn,
      `select case when i % 7 = 0 then null else i / 4 end::DOUBLE as x,
              i::BIGINT as id, (i % 2 = 0) as even, (i % 3)::INTEGER as k,
              case when i = 4999 then null else 1.25::DECIMAL(6, 2) end as d
       from range(5000) t(i) order by i`,
    );
    assert.deepEqual(names, ["x", "id", "even", "k", "d"]);
    assert.equal(rows, 5000);
    for (let i = 0; i < rows; i++) {
      assert.ok(Object.is(columns[0][i], i % 7 === 0 ? NaN : i / 4), `x at row ${i}`);
      assert.equal(columns[1][i], i);
      assert.equal(columns[2][i], i % 2 === 0 ? 1 : 0);
      assert.equal(columns[3][i], i % 3);
    }
    assert.equal(columns[4][0], 1.25);
    assert.ok(Number.isNaN(columns[4][4999]));
  } finally {
    conn.closeSync();
  }
});

Deno.test("a text column is refused naming the column and its row", async () => {
  const conn = await openDuckDb({ threads: 1 });
  try {
    await assert.rejects(
      queryNumericColumns(conn, `select i::DOUBLE as x, 'a' || i as label from range(3000) t(i)`),
      { message: 'Cannot read column "label" as numbers: row 0 holds "a0"' },
    );
  } finally {
    conn.closeSync();
  }
});
