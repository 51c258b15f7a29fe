import assert from "node:assert/strict";
import { chunkColumnsJS, openDuckDb, queryNumericColumns } from "../../lib/duckdb/mod.ts";

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

Deno.test("chunk columns as JS values: every fixed-width type from memory, NULL as null", async () => {
  const conn = await openDuckDb({ threads: 1 });
  try {
    // Row 3 is NULL throughout.
    const value = (sql: string) => `case when i = 3 then null else ${sql} end`;
    const result = await conn.run(`select
        ${value("(i % 2 = 0)")} as b, ${value("(i - 1)::TINYINT")} as t,
        ${value("(i * 300)::SMALLINT")} as s, ${value("(i * -70000)::INTEGER")} as n,
        ${value("(i * 5000000000)::BIGINT")} as big, ${value("i::UBIGINT")} as ub,
        ${value("(i / 4)::FLOAT")} as f,
        ${value("case when i = 2 then 'NaN'::DOUBLE else i / 3 end")} as d,
        ${value("'v' || i")} as text, ${value("1.25::DECIMAL(6, 2)")} as dec
      from range(4) t(i)`);
    const chunk = (await result.fetchChunk())!;
    const columns = chunkColumnsJS(chunk);
    assert.deepEqual(columns.slice(0, 7), [
      [true, false, true, null],
      [-1, 0, 1, null],
      [0, 300, 600, null],
      [0, -70000, -140000, null],
      [0, 5000000000, 10000000000, null],
      [0, 1, 2, null],
      [0, 0.25, 0.5, null],
    ]);
    assert.deepEqual(columns[7].slice(0, 2), [0, 1 / 3]);
    assert.ok(Number.isNaN(columns[7][2]));
    assert.equal(columns[7][3], null);
    assert.deepEqual(columns[8], ["v0", "v1", "v2", null]);
    assert.deepEqual(columns[9], [1.25, 1.25, 1.25, null]);
  } finally {
    conn.closeSync();
  }
});

Deno.test("an empty result gives its columns, each of no rows", async () => {
  const conn = await openDuckDb({ threads: 1 });
  try {
    const { names, columns, rows } = await queryNumericColumns(
      conn,
      `select i::DOUBLE as x, i::BIGINT as id from range(10) t(i) where i < 0`,
    );
    assert.deepEqual(names, ["x", "id"]);
    assert.equal(rows, 0);
    assert.deepEqual(columns.map((c) => c.length), [0, 0]);
  } finally {
    conn.closeSync();
  }
});
