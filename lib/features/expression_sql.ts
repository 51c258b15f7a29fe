/**
 * Compiles feature expressions to DuckDB SQL with the NULL semantics documented in
 * expression.ts; `evaluateExpr` is its JavaScript twin and tests hold them equal.
 */
import { quoteIdent, quoteLiteral } from "../duckdb/mod.ts";
import type { Expr } from "./expression.ts";

/** Options for {@link compileExprSql}. */
export interface CompileSqlOptions {
  /** Table alias that column references are qualified with (none by default). */
  table?: string;
}

/**
 * Compiles an expression to a SQL scalar expression of type DOUBLE (NULL where the
 * JavaScript evaluation gives null).
 * @example
 * ```ts
 * import { compileExprSql } from "./expression_sql.ts";
 * import { col, ratio } from "./expression.ts";
 * const sql = compileExprSql(ratio(col("AMT_CREDIT"), col("AMT_INCOME_TOTAL")), { table: "a" });
 * if (!sql.includes("AMT_CREDIT")) throw new Error(`expected the column in ${sql}`);
 * ```
 */
export function compileExprSql(expr: Expr, options: CompileSqlOptions = {}): string {
  const inner = compile(expr, options);
  return `(CASE WHEN isfinite(${inner}) THEN ${inner} END)`;
}

function compile(expr: Expr, options: CompileSqlOptions): string {
  const c = (e: Expr): string => compile(e, options);
  switch (expr.kind) {
    case "column": {
      const value = `CAST(${ref(expr.name, options)} AS DOUBLE)`;
      return `(CASE WHEN isfinite(${value}) THEN ${value} END)`;
    }
    case "constant":
      return `CAST(${quoteLiteral(String(expr.value))} AS DOUBLE)`;
    case "arithmetic":
      return `(${c(expr.left)} ${expr.op} ${c(expr.right)})`;
    case "divide": {
      const denominator = c(expr.denominator);
      return `(CASE WHEN ${denominator} = 0 THEN NULL ELSE ${
        c(expr.numerator)
      } / ${denominator} END)`;
    }
    case "compare":
      return `CAST(${c(expr.left)} ${expr.op} ${c(expr.right)} AS DOUBLE)`;
    case "when": {
      const condition = c(expr.condition);
      return `(CASE WHEN ${condition} IS NULL THEN NULL WHEN ${condition} <> 0 THEN ${
        c(expr.then)
      } ELSE ${c(expr.otherwise)} END)`;
    }
    case "nullIf": {
      const value = c(expr.value);
      return `(CASE WHEN ${value} = ${
        c({ kind: "constant", value: expr.sentinel })
      } THEN NULL ELSE ${value} END)`;
    }
    case "reduce":
      return compileReduce(expr.op, expr.args.map(c));
    case "category": {
      const arms = expr.levels.map((level, code) => `WHEN ${quoteLiteral(level)} THEN ${code}`);
      if (arms.length === 0) return "CAST(NULL AS DOUBLE)";
      return `CAST(CASE ${ref(expr.name, options)} ${arms.join(" ")} END AS DOUBLE)`;
    }
  }
}

function compileReduce(op: string, args: string[]): string {
  if (args.length === 0) return op === "count" ? "CAST(0 AS DOUBLE)" : "CAST(NULL AS DOUBLE)";
  const count = `CAST(${
    args.map((a) => `CAST(${a} IS NOT NULL AS INTEGER)`).join(" + ")
  } AS DOUBLE)`;
  const allNull = args.map((a) => `${a} IS NULL`).join(" AND ");
  const sum = `(${args.map((a) => `coalesce(${a}, 0)`).join(" + ")})`;
  switch (op) {
    case "count":
      return count;
    case "sum":
      return `(CASE WHEN ${allNull} THEN NULL ELSE ${sum} END)`;
    case "mean":
      return `(CASE WHEN ${allNull} THEN NULL ELSE ${sum} / ${count} END)`;
    case "min":
      return `least(${args.join(", ")})`;
    case "max":
      return `greatest(${args.join(", ")})`;
  }
  throw new RangeError(`Cannot compile reduction "${op}": unknown operation`);
}

function ref(name: string, options: CompileSqlOptions): string {
  return options.table === undefined
    ? quoteIdent(name)
    : `${quoteIdent(options.table)}.${quoteIdent(name)}`;
}
