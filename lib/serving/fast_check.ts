/**
 * A fast acceptance check of a request row, compiled once from the contract with the
 * same rules as `rowSchema` (strict fields, required, type, finite, integer, min/max
 * with sentinels, category levels). It only ever says "valid": a row it does not accept
 * goes to the zod schema, which stays the authority and names every issue. Measured on
 * the 121-field application row: ~2 µs here against ~25 µs through zod.
 */
import type { ColumnContract, TableContract } from "../contracts/mod.ts";

/** True when the row certainly passes the contract's row schema. */
export type FastRowCheck = (row: unknown) => row is Record<string, unknown>;

/** Compiles the check for `contract` without the fields in `omit`. */
export function compileFastCheck(contract: TableContract, omit: readonly string[]): FastRowCheck {
  const skip = new Set(omit);
  const columns = contract.columns.filter((c) => !skip.has(c.name));
  const known = new Set(columns.map((c) => c.name));
  const checks = columns.map((c) => ({ name: c.name, ok: valueOk(c, c.name === contract.target) }));
  return (row): row is Record<string, unknown> => {
    if (typeof row !== "object" || row === null || Array.isArray(row)) return false;
    if (Object.getPrototypeOf(row) !== Object.prototype) return false;
    for (const key in row) if (!known.has(key)) return false;
    const record = row as Record<string, unknown>;
    for (const { name, ok } of checks) if (!ok(record[name])) return false;
    return true;
  };
}

function valueOk(column: ColumnContract, isTarget: boolean): (value: unknown) => boolean {
  const missingOk = column.nullable;
  const present = presentOk(column, isTarget);
  return (value) => value === undefined || value === null ? missingOk : present(value);
}

function presentOk(column: ColumnContract, isTarget: boolean): (value: unknown) => boolean {
  switch (column.type) {
    case "boolean":
      return (v) => typeof v === "boolean";
    case "string":
      return (v) => typeof v === "string";
    case "category": {
      const levels = column.levels === undefined ? undefined : new Set(column.levels);
      return (v) => typeof v === "string" && (levels === undefined || levels.has(v));
    }
    case "int":
    case "float": {
      const sentinels = new Set(column.sentinels ?? []);
      const min = column.min ?? -Infinity;
      const max = column.max ?? Infinity;
      const integer = column.type === "int";
      return (v) =>
        typeof v === "number" && Number.isFinite(v) && (!integer || Number.isInteger(v)) &&
        ((v >= min && v <= max) || sentinels.has(v)) && (!isTarget || v === 0 || v === 1);
    }
  }
}
