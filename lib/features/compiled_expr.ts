/**
 * Feature expressions compiled once into JavaScript functions: the same semantics as
 * `evaluateExpr` (lib/features/expression_eval.ts; tests hold the two equal), written
 * out as straight-line source with the column names as literals. Each compiled
 * expression is a function of its own, so V8 keeps a property-load cache per column
 * name: closures made from one shared source share their caches, and a request row's
 * 120 field names made every load megamorphic (~8 µs a row against ~1 µs generated).
 * A value of the wrong type is handed to `evaluateExpr` so that the error is the
 * evaluator's own.
 */
import { evaluateExpr, type InputRow } from "./expression_eval.ts";
import type { CompareOp, Expr, ReduceOp } from "./expression.ts";

/** A compiled expression: a row's value, null for missing (never a non-finite number). */
export type CompiledExpr = (row: InputRow) => number | null;

/** What generated code reaches outside its own text. */
interface Helpers {
  /** Per column or category node, the evaluator on that node (a wrong type's error). */
  slow: ((row: InputRow) => number | null)[];
  /** Per category node, its level codes. */
  codes: Map<string, number>[];
  reduce: typeof reduce;
}

/**
 * Compiles `expr`; `compileExpr(e)(row)` equals `evaluateExpr(e, row)`.
 * @example
 * ```ts
 * import { compileExpr } from "./compiled_expr.ts";
 * import { col, ratio } from "./expression.ts";
 * const creditRatio = compileExpr(ratio(col("A"), col("B")));
 * if (creditRatio({ A: 1, B: 0 }) !== null) throw new Error("expected null on a zero denominator");
 * ```
 */
export function compileExpr(expr: Expr): CompiledExpr {
  const writer = new SourceWriter();
  const result = writer.node(expr);
  const source = [
    `"use strict";`,
    `const { slow, codes, reduce } = helpers;`,
    `return function compiledExpr(row) {`,
    writer.temps > 0 ? `let ${Array.from({ length: writer.temps }, (_, i) => `t${i}`)};` : "",
    ...writer.lines,
    `return ${result} !== null && Number.isFinite(${result}) ? ${result} : null;`,
    `};`,
  ].join("\n");
  const helpers: Helpers = { slow: writer.slow, codes: writer.codes, reduce };
  return new Function("helpers", source)(helpers) as CompiledExpr;
}

/**
 * Reads one field of a row through a function of its own (a monomorphic property load).
 * @example
 * ```ts
 * import { compileFieldReader } from "./compiled_expr.ts";
 * const income = compileFieldReader("AMT_INCOME_TOTAL");
 * if (income({ AMT_INCOME_TOTAL: 1e5 }) !== 1e5) throw new Error("expected the field's value");
 * ```
 */
export function compileFieldReader(name: string): (row: InputRow) => unknown {
  return new Function("row", `"use strict"; return row[${JSON.stringify(name)}];`) as (
    row: InputRow,
  ) => unknown;
}

/** Emits statements that leave each node's value (a number or null) in a temporary. */
class SourceWriter {
  lines: string[] = [];
  temps = 0;
  slow: Helpers["slow"] = [];
  codes: Helpers["codes"] = [];

  /** Emits `expr` in evaluation order and returns the name of its temporary. */
  node(expr: Expr): string {
    const t = `t${this.temps++}`;
    switch (expr.kind) {
      case "column": {
        const slow = this.slow.push((row) => evaluateExpr(expr, row)) - 1;
        this.emit(
          `${t} = row[${JSON.stringify(expr.name)}];`,
          `if (${t} === null || ${t} === undefined) ${t} = null;`,
          `else if (typeof ${t} === "number") { if (!Number.isFinite(${t})) ${t} = null; }`,
          `else if (typeof ${t} === "bigint") ${t} = Number(${t});`,
          `else ${t} = slow[${slow}](row);`,
        );
        return t;
      }
      case "constant":
        this.emit(`${t} = ${numberLiteral(expr.value)};`);
        return t;
      case "arithmetic": {
        const a = this.node(expr.left);
        const b = this.node(expr.right);
        this.emit(`${t} = ${a} === null || ${b} === null ? null : ${a} ${expr.op} ${b};`);
        return t;
      }
      case "divide": {
        const d = this.node(expr.denominator);
        this.emit(`if (${d} === 0) ${t} = null;`, `else {`);
        const n = this.node(expr.numerator);
        this.emit(`${t} = ${n} === null || ${d} === null ? null : ${n} / ${d};`, `}`);
        return t;
      }
      case "compare": {
        const a = this.node(expr.left);
        const b = this.node(expr.right);
        const op = COMPARISONS[expr.op];
        this.emit(`${t} = ${a} === null || ${b} === null ? null : ${a} ${op} ${b} ? 1 : 0;`);
        return t;
      }
      case "when": {
        const c = this.node(expr.condition);
        this.emit(`if (${c} === null) ${t} = null;`, `else if (${c} !== 0) {`);
        const then = this.node(expr.then);
        this.emit(`${t} = ${then};`, `} else {`);
        const otherwise = this.node(expr.otherwise);
        this.emit(`${t} = ${otherwise};`, `}`);
        return t;
      }
      case "nullIf": {
        const v = this.node(expr.value);
        this.emit(`${t} = ${v} === ${numberLiteral(expr.sentinel)} ? null : ${v};`);
        return t;
      }
      case "reduce": {
        const args = expr.args.map((arg) => this.node(arg));
        this.emit(`${t} = reduce(${JSON.stringify(expr.op)}, [${args.join(", ")}]);`);
        return t;
      }
      case "category": {
        const code = new Map<string, number>();
        expr.levels.forEach((level, i) => code.has(level) || code.set(level, i));
        const codes = this.codes.push(code) - 1;
        const slow = this.slow.push((row) => evaluateExpr(expr, row)) - 1;
        this.emit(
          `${t} = row[${JSON.stringify(expr.name)}];`,
          `if (${t} === null || ${t} === undefined) ${t} = null;`,
          `else if (typeof ${t} !== "string") ${t} = slow[${slow}](row);`,
          `else { ${t} = codes[${codes}].get(${t}); if (${t} === undefined) ${t} = null; }`,
        );
        return t;
      }
    }
  }

  private emit(...lines: string[]): void {
    this.lines.push(...lines);
  }
}

const COMPARISONS: Record<CompareOp, string> = {
  ">": ">",
  ">=": ">=",
  "<": "<",
  "<=": "<=",
  "=": "===",
  "<>": "!==",
};

/** JavaScript source of a number that reads back as the same number (-0 and NaN included). */
function numberLiteral(value: number): string {
  if (Object.is(value, -0)) return "-0";
  return Number.isFinite(value) ? `(${String(value)})` : String(value); // NaN, ±Infinity
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
