/**
 * Feature expressions (lib/features/expression.ts) written out as Python source for the
 * FastAPI peer, with the semantics of `evaluateExpr` (lib/features/expression_eval.ts):
 * None for SQL NULL, a zero denominator gives None without reading the numerator, sums
 * skip None in argument order, a non-finite result is None. The generated source calls
 * the small runtime in {@link PYTHON_EXPR_RUNTIME}.
 */
import type { CompareOp, Expr } from "../../../lib/features/expression.ts";

/** Python helpers the generated expressions call (`r` is the request row as a dict). */
export const PYTHON_EXPR_RUNTIME = `import math


def _n(v):
    if v is None:
        return None
    v = float(v)
    return v if math.isfinite(v) else None


def _add(a, b):
    return None if a is None or b is None else a + b


def _sub(a, b):
    return None if a is None or b is None else a - b


def _mul(a, b):
    return None if a is None or b is None else a * b


def _div(numerator, d):
    if d == 0:
        return None
    n = numerator()
    return None if n is None or d is None else n / d


def _cmp(a, b, op):
    if a is None or b is None:
        return None
    return 1.0 if op(a, b) else 0.0


def _when(c, then, otherwise):
    if c is None:
        return None
    return then() if c != 0 else otherwise()


def _nullif(v, sentinel):
    return None if v == sentinel else v


def _reduce(op, values):
    present = [v for v in values if v is not None]
    if op == "count":
        return float(len(present))
    if not present:
        return None
    if op == "min":
        return min(present)
    if op == "max":
        return max(present)
    total = values[0] if values[0] is not None else 0.0
    for v in values[1:]:
        total += v if v is not None else 0.0
    return total if op == "sum" else total / len(present)


def _finite(v):
    return v if v is not None and math.isfinite(v) else None
`;

const COMPARISONS: Record<CompareOp, string> = {
  ">": "operator.gt",
  ">=": "operator.ge",
  "<": "operator.lt",
  "<=": "operator.le",
  "=": "operator.eq",
  "<>": "operator.ne",
};

/** Collects the level tables the generated expressions look categories up in. */
export class PythonLevelTables {
  readonly tables: string[] = [];

  /** The name of the dict mapping each level to its first index. */
  add(levels: readonly string[]): string {
    const entries: string[] = [];
    const seen = new Set<string>();
    levels.forEach((level, i) => {
      if (seen.has(level)) return;
      seen.add(level);
      entries.push(`${JSON.stringify(level)}: ${i}.0`);
    });
    const name = `_LEVELS_${this.tables.length}`;
    this.tables.push(`${name} = {${entries.join(", ")}}`);
    return name;
  }
}

/**
 * One Python expression computing `expr` from the dict `r` (a float or None).
 * @example
 * ```ts
 * import { PythonLevelTables, pythonExpr } from "./python_expr.ts";
 * const source = pythonExpr({ kind: "column", name: "A" }, new PythonLevelTables());
 * if (source !== `_finite(_n(r.get("A")))`) throw new Error(source);
 * ```
 */
export function pythonExpr(expr: Expr, levels: PythonLevelTables): string {
  return `_finite(${node(expr, levels)})`;
}

function node(expr: Expr, levels: PythonLevelTables): string {
  const e = (x: Expr): string => node(x, levels);
  switch (expr.kind) {
    case "column":
      return `_n(r.get(${JSON.stringify(expr.name)}))`;
    case "constant":
      return numberLiteral(expr.value);
    case "arithmetic": {
      const fn = expr.op === "+" ? "_add" : expr.op === "-" ? "_sub" : "_mul";
      return `${fn}(${e(expr.left)}, ${e(expr.right)})`;
    }
    case "divide":
      return `_div(lambda: ${e(expr.numerator)}, ${e(expr.denominator)})`;
    case "compare":
      return `_cmp(${e(expr.left)}, ${e(expr.right)}, ${COMPARISONS[expr.op]})`;
    case "when":
      return `_when(${e(expr.condition)}, lambda: ${e(expr.then)}, lambda: ${e(expr.otherwise)})`;
    case "nullIf":
      return `_nullif(${e(expr.value)}, ${numberLiteral(expr.sentinel)})`;
    case "reduce":
      return `_reduce(${JSON.stringify(expr.op)}, [${expr.args.map(e).join(", ")}])`;
    case "category":
      return `${levels.add(expr.levels)}.get(r.get(${JSON.stringify(expr.name)}))`;
  }
}

/** Python source of a float that reads back as the same number. */
function numberLiteral(value: number): string {
  if (Number.isNaN(value)) return `float("nan")`;
  if (!Number.isFinite(value)) return value > 0 ? `float("inf")` : `float("-inf")`;
  if (Object.is(value, -0)) return "-0.0";
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}
