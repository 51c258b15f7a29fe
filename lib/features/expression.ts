/**
 * A tiny expression language for row-level features. One definition compiles to DuckDB
 * SQL (the feature store) and evaluates in JavaScript on a single request row (the
 * server), with the same NULL semantics on both sides:
 * - a column holding NULL, NaN or ±Infinity reads as NULL;
 * - arithmetic and comparisons propagate NULL; division by zero gives NULL;
 * - `sumOf`/`meanOf`/`minOf`/`maxOf` skip NULL arguments and give NULL when all are NULL;
 * - a feature whose value is not finite is stored as NULL.
 */

/** A row-level expression; every value is a double or NULL. */
export type Expr =
  | { kind: "column"; name: string }
  | { kind: "constant"; value: number }
  | { kind: "arithmetic"; op: "+" | "-" | "*"; left: Expr; right: Expr }
  | { kind: "divide"; numerator: Expr; denominator: Expr }
  | { kind: "compare"; op: CompareOp; left: Expr; right: Expr }
  | { kind: "when"; condition: Expr; then: Expr; otherwise: Expr }
  | { kind: "nullIf"; value: Expr; sentinel: number }
  | { kind: "reduce"; op: ReduceOp; args: Expr[] }
  | { kind: "category"; name: string; levels: readonly string[] };

/** Comparison operators; a comparison is 1 when true, 0 when false, NULL on NULL. */
export type CompareOp = ">" | ">=" | "<" | "<=" | "=" | "<>";

/** NULL-skipping reductions over several expressions of one row. */
export type ReduceOp = "sum" | "mean" | "min" | "max" | "count";

/** Reads a numeric column. */
export function col(name: string): Expr {
  return { kind: "column", name };
}

/** A numeric constant. */
export function num(value: number): Expr {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot use constant ${value}: not finite`);
  return { kind: "constant", value };
}

/** left + right (NULL if either is NULL). */
export function add(left: Expr, right: Expr): Expr {
  return { kind: "arithmetic", op: "+", left, right };
}

/** left - right (NULL if either is NULL). */
export function sub(left: Expr, right: Expr): Expr {
  return { kind: "arithmetic", op: "-", left, right };
}

/** left * right (NULL if either is NULL). */
export function mul(left: Expr, right: Expr): Expr {
  return { kind: "arithmetic", op: "*", left, right };
}

/** numerator / denominator, NULL when the denominator is zero or either side is NULL. */
export function ratio(numerator: Expr, denominator: Expr): Expr {
  return { kind: "divide", numerator, denominator };
}

/** 1 when the comparison holds, 0 when not, NULL when either side is NULL. */
export function compare(op: CompareOp, left: Expr, right: Expr): Expr {
  return { kind: "compare", op, left, right };
}

/** `then` when condition is non-zero, `otherwise` when zero, NULL when it is NULL. */
export function when(condition: Expr, then: Expr, otherwise: Expr): Expr {
  return { kind: "when", condition, then, otherwise };
}

/** The value, or NULL where it equals the sentinel (e.g. DAYS_EMPLOYED 365243). */
export function nullIf(value: Expr, sentinel: number): Expr {
  return { kind: "nullIf", value, sentinel };
}

/** Sum of the non-NULL arguments (NULL when all are NULL). */
export function sumOf(args: Expr[]): Expr {
  return { kind: "reduce", op: "sum", args };
}

/** Mean of the non-NULL arguments (NULL when all are NULL). */
export function meanOf(args: Expr[]): Expr {
  return { kind: "reduce", op: "mean", args };
}

/** Smallest non-NULL argument (NULL when all are NULL). */
export function minOf(args: Expr[]): Expr {
  return { kind: "reduce", op: "min", args };
}

/** Largest non-NULL argument (NULL when all are NULL). */
export function maxOf(args: Expr[]): Expr {
  return { kind: "reduce", op: "max", args };
}

/** Number of non-NULL arguments (never NULL). */
export function countOf(args: Expr[]): Expr {
  return { kind: "reduce", op: "count", args };
}

/** Integer code of a text column: its index in `levels`, NULL when missing or unknown. */
export function category(name: string, levels: readonly string[]): Expr {
  return { kind: "category", name, levels };
}

/** Names of the input columns an expression reads, in first-use order. */
export function columnsOf(expr: Expr): string[] {
  const seen = new Set<string>();
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case "column":
      case "category":
        seen.add(e.name);
        return;
      case "constant":
        return;
      case "arithmetic":
      case "compare":
        visit(e.left);
        visit(e.right);
        return;
      case "divide":
        visit(e.numerator);
        visit(e.denominator);
        return;
      case "when":
        visit(e.condition);
        visit(e.then);
        visit(e.otherwise);
        return;
      case "nullIf":
        visit(e.value);
        return;
      case "reduce":
        e.args.forEach(visit);
        return;
    }
  };
  visit(expr);
  return [...seen];
}
