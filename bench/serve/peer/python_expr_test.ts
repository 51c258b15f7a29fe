import { ignoreWithoutPython } from "../../../tests/python_oracle.ts";
import assert from "node:assert/strict";
import { APPLICATION_FEATURES, evaluateExpr } from "../../../lib/features/mod.ts";
import {
  add,
  category,
  col,
  columnsOf,
  compare,
  countOf,
  type Expr,
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
} from "../../../lib/features/expression.ts";
import { PYTHON_EXPR_RUNTIME, pythonExpr, PythonLevelTables } from "./python_expr.ts";

/** Evaluates each expression on each row with /usr/bin/python3; None comes back as null. */
async function evaluateInPython(
  exprs: readonly Expr[],
  rows: readonly Record<string, unknown>[],
): Promise<(number | null)[][]> {
  const levels = new PythonLevelTables();
  const lambdas = exprs.map((e) => `    lambda r: ${pythonExpr(e, levels)},`);
  const source = [
    "import json, operator, sys",
    PYTHON_EXPR_RUNTIME,
    ...levels.tables,
    "EXPRS = [",
    ...lambdas,
    "]",
    "rows = json.load(sys.stdin)",
    "print(json.dumps([[f(r) for r in rows] for f in EXPRS]))",
  ].join("\n");
  const child = new Deno.Command("/usr/bin/python3", {
    args: ["-c", source],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(rows)));
  await writer.close();
  const output = await child.output();
  assert.ok(output.success, new TextDecoder().decode(output.stderr));
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

/** A deterministic generator (mulberry32) for the random rows. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function assertSame(actual: (number | null)[][], exprs: readonly Expr[], rows: object[]): void {
  exprs.forEach((expr, i) => {
    rows.forEach((row, k) => {
      const expected = evaluateExpr(expr, row as Record<string, unknown>);
      // JSON carries -0 as 0 on one side only; the values are otherwise exactly equal.
      assert.ok(
        actual[i][k] === expected,
        `${JSON.stringify(expr).slice(0, 120)} on row ${k}: ${actual[i][k]} against ${expected}`,
      );
    });
  });
}

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
const VALUES = [null, undefined, 0, 1, -3, 0.1, 365243, 1e308];

// Outside CI a machine without /usr/bin/python3 skips these, saying so; in CI they run.
const withoutPython = await ignoreWithoutPython("the peer's Python expressions", ["math"]);

Deno.test({
  name: "Python expressions equal evaluateExpr on nulls, zeros, sentinels and overflow",
  ignore: withoutPython,
  fn: async () => {
    const rows = VALUES.flatMap((a) =>
      VALUES.map((b, i) => ({ A: a, B: b, C: ["x", "y", "z", null][i % 4] }))
    );
    assertSame(await evaluateInPython(EXPRS, rows), EXPRS, rows);
  },
});

Deno.test({
  name: "Python application features equal evaluateExpr on 300 seeded random rows",
  ignore: withoutPython,
  fn: async () => {
    const exprs = APPLICATION_FEATURES.map((f) => f.expr);
    const levelsOf = new Map<string, readonly string[]>();
    const visit = (e: Expr): void => {
      if (e.kind === "category") levelsOf.set(e.name, e.levels);
      for (const child of Object.values(e)) {
        if (child && typeof child === "object" && "kind" in child) visit(child as Expr);
        if (Array.isArray(child)) child.forEach((c) => c && typeof c === "object" && visit(c));
      }
    };
    exprs.forEach(visit);
    const columns = [...new Set(exprs.flatMap(columnsOf))];
    const random = seeded(15);
    const rows = Array.from({ length: 300 }, () =>
      Object.fromEntries(columns.map((name) => {
        const u = random();
        const levels = levelsOf.get(name);
        if (u < 0.15) return [name, null];
        if (levels !== undefined) {
          return [name, u < 0.2 ? "unseen" : levels[Math.floor(random() * levels.length)]];
        }
        if (u < 0.2) return [name, 0];
        if (u < 0.25) return [name, 365243];
        return [name, Math.round((random() - 0.3) * 1e6) / 100];
      })));
    assertSame(await evaluateInPython(exprs, rows), exprs, rows);
  },
});
