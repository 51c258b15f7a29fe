import assert from "node:assert/strict";
import {
  categorySql,
  inverseCdfSql,
  marginalOf,
} from "../../../../lib/data/home_credit/generator/marginal.ts";
import { openDuckDb, queryRows } from "../../../../lib/duckdb/mod.ts";

async function evaluate(expressions: string[]): Promise<unknown[]> {
  const conn = await openDuckDb({ threads: 1 });
  try {
    const list = expressions.map((e, i) => `${e} AS v${i}`).join(", ");
    const [row] = await queryRows(conn, `SELECT ${list}`);
    return expressions.map((_, i) => row[`v${i}`]);
  } finally {
    conn.closeSync();
  }
}

Deno.test("the inverse CDF passes through the quartile knots", async () => {
  const knots = [0, 10, 20, 40, 60] as const;
  const values = await evaluate(
    ["0.0", "0.25", "0.5", "0.625", "0.75", "0.875"].map((u) => inverseCdfSql(knots, u)),
  );
  assert.deepEqual(values, [0, 10, 20, 30, 40, 50]);
});

Deno.test("a wide upper tail is exponential and capped at the maximum", async () => {
  const knots = [0, 10, 20, 30, 1_000_000] as const;
  const [near, top] = await evaluate([
    inverseCdfSql(knots, "0.8"),
    inverseCdfSql(knots, "0.9999999"),
  ]);
  // t = 0.2 of the tail: 30 + 0.7 · IQR (20) · −ln(1 − 0.2 · 0.999999)
  assert.ok(Math.abs(Number(near) - (30 + 14 * -Math.log(1 - 0.2 * 0.999999))) < 1e-9);
  assert.ok(Number(top) < 1_000, `${top}`);
});

Deno.test("categories are picked by cumulative frequency", async () => {
  const sql = (u: string) => categorySql(["a", "b", "c"], [2, 1, 1], u);
  assert.deepEqual(await evaluate([sql("0.1"), sql("0.6"), sql("0.9")]), ["a", "b", "c"]);
});

Deno.test("schema marginals are read as categories, flags or quartile knots", () => {
  const gender = marginalOf("application_train", "CODE_GENDER");
  assert.deepEqual(gender, {
    kind: "category",
    levels: ["F", "M", "XNA"],
    weights: [202448, 105059, 4],
  });
  assert.deepEqual(marginalOf("application_train", "FLAG_EMAIL"), { kind: "flag", rate: 0.05672 });
  assert.deepEqual(marginalOf("application_train", "CNT_CHILDREN"), {
    kind: "numeric",
    knots: [0, 0, 0, 1, 19],
    integer: true,
  });
});

Deno.test("a column without quartiles needs assumed knots", () => {
  assert.throws(
    () => marginalOf("previous_application", "SELLERPLACE_AREA"),
    /Cannot draw previous_application.SELLERPLACE_AREA: home_credit_schema.json has no quartiles/,
  );
});
