/**
 * A fast acceptance check of a request row, compiled once from the contract with the
 * same rules as `rowSchema` (strict fields, required, type, finite, integer, min/max
 * with sentinels, category levels). It only ever says "valid": a row it does not accept
 * goes to the zod schema, which stays the authority and names every issue.
 *
 * The check is generated JavaScript with each field name as a literal, so every field
 * gets its own property-load cache (one shared closure made the 121 loads megamorphic).
 * Unknown fields are ruled out by counting: every own key must be one of the known
 * fields read. Measured on the application row: ~1 µs, against ~3 µs for the closures
 * and ~25 µs through zod.
 */
import type { ColumnContract, TableContract } from "../contracts/mod.ts";

/** True when the row certainly passes the contract's row schema. */
export type FastRowCheck = (row: unknown) => row is Record<string, unknown>;

/** Compiles the check for `contract` without the fields in `omit`. */
export function compileFastCheck(contract: TableContract, omit: readonly string[]): FastRowCheck {
  const skip = new Set(omit);
  const sets: Set<unknown>[] = [];
  const lines = contract.columns.filter((c) => !skip.has(c.name)).flatMap((column) => {
    const present = presentTest(column, column.name === contract.target, sets);
    return [
      `v = row[${JSON.stringify(column.name)}];`,
      column.nullable
        ? `if (v !== undefined) { seen++; if (v !== null && !(${present})) return false; }`
        : `if (v === undefined || v === null) return false; seen++; if (!(${present})) return false;`,
    ];
  });
  const source = [
    `"use strict";`,
    `return function fastCheck(row) {`,
    `if (typeof row !== "object" || row === null || Array.isArray(row)) return false;`,
    `if (Object.getPrototypeOf(row) !== Object.prototype) return false;`,
    `let v; let seen = 0;`,
    ...lines,
    // Every own key was one of the fields read (a key holding undefined falls to zod).
    `return Object.keys(row).length === seen;`,
    `};`,
  ].join("\n");
  return new Function("sets", source)(sets) as FastRowCheck;
}

/** Source of a test on a present (non-null) value `v`; sets it needs go into `sets`. */
function presentTest(column: ColumnContract, isTarget: boolean, sets: Set<unknown>[]): string {
  switch (column.type) {
    case "boolean":
      return `typeof v === "boolean"`;
    case "string":
    case "text":
      return `typeof v === "string"`;
    case "category": {
      if (column.levels === undefined) return `typeof v === "string"`;
      const levels = sets.push(new Set(column.levels)) - 1;
      return `typeof v === "string" && sets[${levels}].has(v)`;
    }
    case "int":
    case "float": {
      const tests = [`typeof v === "number"`, `Number.isFinite(v)`];
      if (column.type === "int") tests.push(`Number.isInteger(v)`);
      const range = [
        column.min === undefined ? undefined : `v >= ${literal(column.min)}`,
        column.max === undefined ? undefined : `v <= ${literal(column.max)}`,
      ].filter((t) => t !== undefined);
      if (range.length > 0) {
        const sentinels = column.sentinels ?? [];
        const inRange = range.join(" && ");
        if (sentinels.length === 0) tests.push(inRange);
        else tests.push(`((${inRange}) || sets[${sets.push(new Set(sentinels)) - 1}].has(v))`);
      }
      if (isTarget) tests.push(`(v === 0 || v === 1)`);
      return tests.join(" && ");
    }
  }
}

/** Source of a finite bound; a contract's bounds are plain numbers. */
function literal(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Object.is(value, -0) ? "-0" : `(${String(value)})`;
}
