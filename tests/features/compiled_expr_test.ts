import assert from "node:assert/strict";
import { evaluateExpr } from "../../lib/features/mod.ts";
import {
  add,
  category,
  col,
  compare,
  countOf,
  maxOf,
  meanOf,
  minOf,
  mul,
  nullIf,
  num,
  ratio,
  sub,
  sumOf,
  when,
} from "../../lib/features/expression.ts";
import { compileExpr, compileFieldReader } from "../../lib/features/compiled_expr.ts";

const A = col("A");
const B = col("B");
const EXPRS = [
  A,
  num(2.5),
  add(A, B),
  sub(A, B),
  mul(A, B),
  ratio(A, B),
  ...([">", ">=", "<", "<=", "=", "<>"] as const).map((op) => compare(op, A, B)),
  when(compare(">", A, num(0)), A, B),
  nullIf(A, 365243),
  sumOf([A, B, num(1)]),
  meanOf([A, B]),
  minOf([A, B]),
  maxOf([A, B]),
  countOf([A, B]),
  category("C", ["x", "y", "x"]),
];
const VALUES = [null, undefined, 0, -0, 1, -3, 0.1, 365243, 1e308, NaN, Infinity, 5n];
const ROWS = VALUES.flatMap((a) =>
  VALUES.map((b, i) => ({ A: a, B: b, C: ["x", "y", "z", null][i % 4] }))
);

Deno.test("compiled expressions equal evaluateExpr on nulls, zeros, sentinels, overflow and bigints", () => {
  for (const expr of EXPRS) {
    const compiled = compileExpr(expr);
    for (const row of ROWS) {
      assert.ok(Object.is(compiled(row), evaluateExpr(expr, row)), JSON.stringify(expr));
    }
  }
});

Deno.test("a compiled expression throws the evaluator's error on a value of the wrong type", () => {
  for (const expr of [A, category("C", ["x"])]) {
    const row = { A: "text", C: 3 };
    assert.throws(() => evaluateExpr(expr, row));
    const expected = (() => {
      try {
        evaluateExpr(expr, row);
      } catch (e) {
        return (e as Error).message;
      }
    })();
    assert.throws(() => compileExpr(expr)(row), { name: "TypeError", message: expected });
  }
});

Deno.test("nested compiled expressions evaluate in the evaluator's order and agree with it", () => {
  const nested = [
    ratio(when(compare("<>", A, num(-0)), sub(A, num(-1.5)), B), add(B, num(1))),
    nullIf(mul(A, when(compare("=", B, num(0)), num(2), ratio(A, B))), 0),
    sumOf([ratio(A, B), meanOf([A, minOf([B, num(3)])]), countOf([A])]),
    ratio(col("A"), sub(B, B)),
  ];
  for (const expr of nested) {
    const compiled = compileExpr(expr);
    for (const row of ROWS) {
      assert.ok(Object.is(compiled(row), evaluateExpr(expr, row)), JSON.stringify(expr));
    }
  }
});

Deno.test("column names are literals in the generated code, whatever characters they hold", () => {
  const name = `a"b\\c'd\n\${x}\u2028`;
  const row = { [name]: 4, [`${name}2`]: 2, other: 1 };
  assert.equal(compileExpr(ratio(col(name), col(`${name}2`)))(row), 2);
  assert.equal(compileExpr(category(name, ["x"]))({ [name]: "x" }), 0);
  assert.equal(compileFieldReader(name)(row), 4);
  assert.equal(compileFieldReader("missing")(row), undefined);
});
