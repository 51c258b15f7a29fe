/**
 * Evaluates feature expressions on one row in JavaScript, the twin of
 * expression_sql.ts: the server computes request features with it.
 */
import type { CompareOp, Expr, ReduceOp } from "./expression.ts";

/** One input row: column name to value (number, numeric bigint, string, null). */
export type InputRow = Readonly<Record<string, unknown>>;

/**
 * Evaluates an expression on a row; null stands for SQL NULL, and a non-finite result
 * becomes null as it does in the feature store.
 * @example
 * ```ts
 * import { evaluateExpr } from "./expression_eval.ts";
 * import { col, ratio } from "./expression.ts";
 * if (evaluateExpr(ratio(col("A"), col("B")), { A: 1, B: 0 }) !== null) throw new Error("expected null");
 * ```
 */
export function evaluateExpr(expr: Expr, row: InputRow): number | null {
  const value = evaluate(expr, row);
  return value !== null && Number.isFinite(value) ? value : null;
}

function evaluate(expr: Expr, row: InputRow): number | null {
  const e = (x: Expr): number | null => evaluate(x, row);
  switch (expr.kind) {
    case "column":
      return readNumber(row, expr.name);
    case "constant":
      return expr.value;
    case "arithmetic": {
      const left = e(expr.left);
      const right = e(expr.right);
      if (left === null || right === null) return null;
      if (expr.op === "+") return left + right;
      if (expr.op === "-") return left - right;
      return left * right;
    }
    case "divide": {
      const denominator = e(expr.denominator);
      if (denominator === 0) return null;
      const numerator = e(expr.numerator);
      if (numerator === null || denominator === null) return null;
      return numerator / denominator;
    }
    case "compare": {
      const left = e(expr.left);
      const right = e(expr.right);
      if (left === null || right === null) return null;
      return compareValues(expr.op, left, right) ? 1 : 0;
    }
    case "when": {
      const condition = e(expr.condition);
      if (condition === null) return null;
      return condition !== 0 ? e(expr.then) : e(expr.otherwise);
    }
    case "nullIf": {
      const value = e(expr.value);
      return value === expr.sentinel ? null : value;
    }
    case "reduce":
      return reduce(expr.op, expr.args.map(e));
    case "category":
      return readCode(row, expr.name, expr.levels);
  }
}

function compareValues(op: CompareOp, left: number, right: number): boolean {
  switch (op) {
    case ">":
      return left > right;
    case ">=":
      return left >= right;
    case "<":
      return left < right;
    case "<=":
      return left <= right;
    case "=":
      return left === right;
    case "<>":
      return left !== right;
  }
}

function reduce(op: ReduceOp, values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  if (op === "count") return present.length;
  if (present.length === 0) return null;
  if (op === "min") return Math.min(...present);
  if (op === "max") return Math.max(...present);
  // Same order of additions as the SQL `coalesce(a, 0) + coalesce(b, 0) + …`.
  let sum = values[0] ?? 0;
  for (let i = 1; i < values.length; i++) sum += values[i] ?? 0;
  return op === "sum" ? sum : sum / present.length;
}

function readNumber(row: InputRow, name: string): number | null {
  const value = row[name];
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number(value);
  throw new TypeError(`Cannot read column "${name}" as a number: it holds ${describe(value)}`);
}

function readCode(row: InputRow, name: string, levels: readonly string[]): number | null {
  const value = row[name];
  if (value === null || value === undefined) return null;
  if (typeof value !== "string") {
    throw new TypeError(`Cannot read column "${name}" as a category: it holds ${describe(value)}`);
  }
  const code = levels.indexOf(value);
  return code === -1 ? null : code;
}

function describe(value: unknown): string {
  return `${typeof value} ${JSON.stringify(String(value))}`;
}
