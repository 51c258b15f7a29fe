import assert from "node:assert/strict";
import {
  countSql,
  createSqlRandom,
  createTableDraws,
} from "../../../../lib/data/home_credit/generator/sql_random.ts";
import { openDuckDb, queryRows } from "../../../../lib/duckdb/mod.ts";

async function query(sql: string): Promise<Record<string, unknown>> {
  const conn = await openDuckDb({ threads: 1 });
  try {
    return (await queryRows(conn, sql))[0];
  } finally {
    conn.closeSync();
  }
}

Deno.test("draws with different tags are independent uniforms", async () => {
  const random = createSqlRandom(42);
  const [a, b] = [random.uniform("a", ["i"]), random.uniform("b", ["i"])];
  const row = await query(`
    SELECT avg(a) AS mean, corr(a, b) AS r, avg((a < 0.2 AND b < 0.7)::INT) AS joint,
      min(a) > 0 AND max(a) < 1 AS open
    FROM (SELECT ${a} AS a, ${b} AS b FROM range(200000) t(i))`);
  assert.ok(Math.abs(Number(row.mean) - 0.5) < 0.005, `mean ${row.mean}`);
  assert.ok(Math.abs(Number(row.r)) < 0.01, `correlation ${row.r}`);
  assert.ok(Math.abs(Number(row.joint) - 0.14) < 0.005, `joint ${row.joint}`);
  assert.equal(row.open, true);
});

Deno.test("a draw depends only on the seed, the tag and the row key", async () => {
  const sql = (seed: number) => createSqlRandom(seed).uniform("x", ["17"]);
  const row = await query(`SELECT ${sql(1)} AS a, ${sql(1)} AS b, ${sql(2)} AS c`);
  assert.equal(row.a, row.b);
  assert.notEqual(row.a, row.c);
});

Deno.test("normal draws have mean 0 and standard deviation 1", async () => {
  const n = createSqlRandom(3).normal("z", ["i"]);
  const row = await query(
    `SELECT avg(z) AS mean, stddev_pop(z) AS sd FROM (SELECT ${n} AS z FROM range(200000) t(i))`,
  );
  assert.ok(Math.abs(Number(row.mean)) < 0.01, `mean ${row.mean}`);
  assert.ok(Math.abs(Number(row.sd) - 1) < 0.01, `sd ${row.sd}`);
});

Deno.test("counts have the requested mean under their cap", async () => {
  const u = createSqlRandom(5).uniform("n", ["i"]);
  const row = await query(
    `SELECT avg(n) AS mean, max(n) AS top FROM (SELECT ${
      countSql(u, 15.9, 96)
    } AS n FROM range(200000) t(i))`,
  );
  assert.ok(Math.abs(Number(row.mean) - 15.9) < 0.15, `mean ${row.mean}`);
  assert.equal(row.top, 96);
});

Deno.test("table draws register each tag once and return its column name", () => {
  const draws = createTableDraws(createSqlRandom(1), "bureau", ["b"]);
  assert.equal(draws.u("late"), "du_late");
  assert.equal(draws.u("late"), "du_late");
  assert.equal(draws.n("days.overdue"), "dn_days_overdue");
  assert.deepEqual(Object.keys(draws.columns), ["du_late", "dn_days_overdue"]);
});
