/**
 * Feature expressions compiled once into closures: the same semantics as `evaluateExpr`
 * (lib/features/expression_eval.ts; tests hold the two equal), without its per-row switch
 * on the node kind, per-call helper closure and `args.map`. A value of the wrong type is
 * handed to `evaluateExpr` so that the error is the evaluator's own.
 */
import { evaluateExpr, type InputRow } from "./expression_eval.ts";
import type { CompareOp, Expr, ReduceOp } from "./expression.ts";

/** A compiled expression: a row's value, null for missing (never a non-finite number). */
export type CompiledExpr = (row: InputRow) => number | null;

type Node = (row: InputRow) => number | null;

/**
 * Compiles `expr`; `compileExpr(e)(row)` equals `evaluateExpr(e, row)`.
 * @example
 * const ratio = compileExpr(divide(col("A"), col("B")));
 * ratio({ A: 1, B: 0 }); // null
 */
export function compileExpr(expr: Expr): CompiledExpr {
  const node = compileNode(expr);
  return (row) => {
    const value = node(row);
    return value !== null && Number.isFinite(value) ? value : null;
  };
}

function compileNode(expr: Expr): Node {
  switch (expr.kind) {
    case "column": {
      const name = expr.name;
      return (row) => {
        const value = row[name];
        if (value === null || value === undefined) return null;
        if (typeof value === "number") return Number.isFinite(value) ? value : null;
        if (typeof value === "bigint") return Number(value);
        return evaluateExpr(expr, row); // throws the evaluator's TypeError
      };
    }
    case "constant": {
      const value = expr.value;
      return () => value;
    }
    case "arithmetic": {
      const left = compileNode(expr.left);
      const right = compileNode(expr.right);
      const op = arithmetic(expr.op);
      return (row) => {
        const a = left(row);
        const b = right(row);
        return a === null || b === null ? null : op(a, b);
      };
    }
    case "divide": {
      const numerator = compileNode(expr.numerator);
      const denominator = compileNode(expr.denominator);
      return (row) => {
        const d = denominator(row);
        if (d === 0) return null;
        const n = numerator(row);
        return n === null || d === null ? null : n / d;
      };
    }
    case "compare": {
      const left = compileNode(expr.left);
      const right = compileNode(expr.right);
      const op = comparison(expr.op);
      return (row) => {
        const a = left(row);
        const b = right(row);
        return a === null || b === null ? null : op(a, b) ? 1 : 0;
      };
    }
    case "when": {
      const condition = compileNode(expr.condition);
      const then = compileNode(expr.then);
      const otherwise = compileNode(expr.otherwise);
      return (row) => {
        const c = condition(row);
        if (c === null) return null;
        return c !== 0 ? then(row) : otherwise(row);
      };
    }
    case "nullIf": {
      const value = compileNode(expr.value);
      const sentinel = expr.sentinel;
      return (row) => {
        const v = value(row);
        return v === sentinel ? null : v;
      };
    }
    case "reduce": {
      const args = expr.args.map(compileNode);
      const op = expr.op;
      return (row) => reduce(op, args.map((arg) => arg(row)));
    }
    case "category": {
      const code = new Map<string, number>();
      expr.levels.forEach((level, i) => code.has(level) || code.set(level, i));
      const name = expr.name;
      return (row) => {
        const value = row[name];
        if (value === null || value === undefined) return null;
        if (typeof value !== "string") return evaluateExpr(expr, row); // its TypeError
        return code.get(value) ?? null;
      };
    }
  }
}

function arithmetic(op: "+" | "-" | "*"): (a: number, b: number) => number {
  if (op === "+") return (a, b) => a + b;
  if (op === "-") return (a, b) => a - b;
  return (a, b) => a * b;
}

function comparison(op: CompareOp): (a: number, b: number) => boolean {
  switch (op) {
    case ">":
      return (a, b) => a > b;
    case ">=":
      return (a, b) => a >= b;
    case "<":
      return (a, b) => a < b;
    case "<=":
      return (a, b) => a <= b;
    case "=":
      return (a, b) => a === b;
    case "<>":
      return (a, b) => a !== b;
  }
}

/** As the evaluator's reduce: NULLs skipped, sums in argument order. */
function reduce(op: ReduceOp, values: (number | null)[]): number | null {
  let count = 0;
  for (const v of values) if (v !== null) count += 1;
  if (op === "count") return count;
  if (count === 0) return null;
  if (op === "min" || op === "max") {
    const present = values.filter((v): v is number => v !== null);
    return op === "min" ? Math.min(...present) : Math.max(...present);
  }
  let sum = values[0] ?? 0;
  for (let i = 1; i < values.length; i++) sum += values[i] ?? 0;
  return op === "sum" ? sum : sum / count;
}
