import assert from "node:assert/strict";
import { op, table } from "arquero";
import { Type } from "@uwdata/flechette";
import { openDuckDb, queryRows } from "../../lib/duckdb/mod.ts";
import { queryArrow, queryTable, renderArqueroTable } from "../../lib/table/mod.ts";
import { parse } from "../report/fixtures.ts";

// 5,000 rows span three 2,048-row chunks; every 7th value of each column is NULL.
const LOANS = `
  select i::INTEGER as id,
         case when i % 7 = 0 then null else i / 4 end::DOUBLE as income,
         case when i % 7 = 1 then null else ['Cash loans', 'Revolving loans'][i % 2 + 1] end as contract,
         case when i % 7 = 2 then null else (i % 3 = 0) end as flag,
         (i % 5)::BIGINT as children,
         case when i % 7 = 3 then null else 1.25::DECIMAL(6, 2) end as amount,
         (i % 3 = 0)::INTEGER as target
  from range(5000) t(i)`;

Deno.test("a query becomes Arrow columns typed from DuckDB's types", async () => {
  const conn = await openDuckDb({ threads: 1 });
  try {
    const table = await queryArrow(conn, LOANS);
    const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, f.type.typeId]));
    assert.deepEqual(types, {
      id: Type.Int,
      income: Type.Float,
      contract: Type.Dictionary,
      flag: Type.Bool,
      children: Type.Float,
      amount: Type.Float,
      target: Type.Int,
    });
    assert.equal(table.numRows, 5000);
  } finally {
    conn.closeSync();
  }
});

Deno.test("NULLs stay null in the arquero table, in the rows SQL says", async () => {
  const conn = await openDuckDb({ threads: 1 });
  try {
    const table = await queryTable(conn, `${LOANS} order by id`);
    const nulls = table.rollup({
      income: op.invalid("income"),
      contract: op.invalid("contract"),
      flag: op.invalid("flag"),
      amount: op.invalid("amount"),
    }).object();
    const [expected] = await queryRows(
      conn,
      `select count(*) filter (where income is null) as income,
              count(*) filter (where contract is null) as contract,
              count(*) filter (where flag is null) as flag,
              count(*) filter (where amount is null) as amount from (${LOANS})`,
    );
    assert.deepEqual(nulls, expected);
    assert.equal(table.get("income", 0), null);
    assert.equal(table.get("income", 1), 0.25);
    assert.equal(table.get("contract", 1), null);
    assert.equal(table.get("contract", 2), "Cash loans");
    assert.equal(table.get("flag", 2), null);
    assert.equal(table.get("flag", 3), true);
    assert.equal(table.get("amount", 3), null);
    assert.equal(table.get("amount", 4), 1.25);
    assert.equal(typeof table.get("children", 4), "number");
  } finally {
    conn.closeSync();
  }
});

Deno.test("group counts and rates equal DuckDB's own for the same grouping", async () => {
  const conn = await openDuckDb({ threads: 1 });
  try {
    const table = await queryTable(conn, LOANS);
    const grouped = table.groupby("contract")
      .rollup({ rows: op.count(), rate: op.mean("target") })
      .orderby("contract")
      .objects() as Record<string, unknown>[];
    const expected = await queryRows(
      conn,
      `select contract, count(*) as rows, avg(target) as rate from (${LOANS})
       group by contract order by contract nulls first`,
    );
    assert.equal(table.numRows(), 5000);
    assert.deepEqual(
      grouped.map((g) => g.rows),
      expected.map((g) => g.rows),
    );
    for (let i = 0; i < expected.length; i++) {
      assert.equal(grouped[i].contract, expected[i].contract);
      assert.ok(Math.abs((grouped[i].rate as number) - (expected[i].rate as number)) < 1e-12);
    }
  } finally {
    conn.closeSync();
  }
});

Deno.test("an empty result is a table with its columns and no rows", async () => {
  const conn = await openDuckDb({ threads: 1 });
  try {
    const table = await queryTable(conn, `select * from (${LOANS}) where id < 0`);
    assert.equal(table.numRows(), 0);
    assert.deepEqual(table.columnNames(), [
      "id",
      "income",
      "contract",
      "flag",
      "children",
      "amount",
      "target",
    ]);
  } finally {
    conn.closeSync();
  }
});

Deno.test("a column of an unsupported type is refused naming it and the type", async () => {
  const conn = await openDuckDb({ threads: 1 });
  try {
    await assert.rejects(queryArrow(conn, "select [1, 2] as pair"), {
      name: "TypeError",
      message: 'Cannot read column "pair" as Arrow: DuckDB type INTEGER[] is not supported',
    });
  } finally {
    conn.closeSync();
  }
});

Deno.test("an arquero table renders as a report table in its order, nulls empty", () => {
  const page = parse(String(renderArqueroTable(
    table({ band: ["b", "a", "c"], rate: [0.5, null, 0.125], ok: [true, false, true] })
      .orderby("band"),
    { limit: 2 },
  )));
  assert.deepEqual(page.all("th").map((th) => th.textContent), ["band", "rate", "ok"]);
  assert.deepEqual(
    page.all("tbody tr").map((tr) =>
      [...tr.querySelectorAll("td")].map((td: { textContent: string }) => td.textContent)
    ),
    [["a", "–", "false"], ["b", "0.5", "true"]],
  );
});
