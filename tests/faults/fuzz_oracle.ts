/**
 * The fuzz oracle: what the documented API must answer to a scoring request, worked out
 * from the request alone and the served contract (not from lib/serving): 415 unless the
 * media type is application/json, 413 past the byte limit (or a declared length past
 * it, or too many batch rows), 400 unless the bytes are UTF-8 JSON, 422 naming exactly
 * the fields at fault, else 200.
 */
import type { ColumnContract } from "../../lib/contracts/mod.ts";

/** The answer a scoring request must get; `fields` are the 422's fields, exactly. */
export type Expected =
  | { status: 200; rows: number }
  | { status: 400 | 413 | 415 }
  | { status: 422; fields: string[] };

/** The limits the app was built with. */
export interface OracleLimits {
  maxBodyBytes: number;
  maxBatchRows: number;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** The expected answer to POST `path` with `headers` and `body`. */
export function expectedAnswer(
  columns: ColumnContract[],
  limits: OracleLimits,
  path: "/predict" | "/explain" | "/predict/batch",
  headers: Record<string, string>,
  body: Uint8Array,
): Expected {
  const type = (headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") return { status: 415 };
  const declared = Number(headers["content-length"] ?? NaN);
  if (Number.isFinite(declared) && declared > limits.maxBodyBytes) return { status: 413 };
  if (body.length > limits.maxBodyBytes) return { status: 413 };
  let value: unknown;
  try {
    value = JSON.parse(UTF8.decode(body));
  } catch {
    return { status: 400 };
  }
  if (path !== "/predict/batch") {
    const fields = rowFaults(columns, value);
    return fields.length > 0 ? { status: 422, fields } : { status: 200, rows: 1 };
  }
  return batchAnswer(columns, limits.maxBatchRows, value);
}

function batchAnswer(columns: ColumnContract[], maxRows: number, body: unknown): Expected {
  if (!isObject(body)) return { status: 422, fields: [""] };
  const fields: string[] = Object.keys(body).filter((k) => k !== "rows" && k !== "explain");
  const explain = own(body, "explain");
  if (explain !== undefined && typeof explain !== "boolean") fields.push("explain");
  const rows = own(body, "rows");
  if (!Array.isArray(rows)) return { status: 422, fields: [...fields, "rows"] };
  if (rows.length === 0) fields.push("rows");
  if (rows.length > maxRows) return { status: 413 };
  rows.forEach((row, i) => {
    for (const field of rowFaults(columns, row)) {
      fields.push(field === "" ? `rows.${i}` : `rows.${i}.${field}`);
    }
  });
  return fields.length > 0 ? { status: 422, fields } : { status: 200, rows: rows.length };
}

/** The fields of `row` that break the contract ("" when it is not an object). */
export function rowFaults(columns: ColumnContract[], row: unknown): string[] {
  if (!isObject(row)) return [""];
  const known = new Set(columns.map((c) => c.name));
  const faults = Object.keys(row).filter((k) => !known.has(k));
  for (const column of columns) {
    if (!isAccepted(column, own(row, column.name))) faults.push(column.name);
  }
  return faults;
}

/** Whether `column` accepts `value` (the fuzz oracle's own reading of the contract). */
export function isAccepted(column: ColumnContract, value: unknown): boolean {
  if (value === undefined || value === null) return column.nullable;
  switch (column.type) {
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "category":
      return typeof value === "string" &&
        (column.levels === undefined || column.levels.includes(value));
    case "int":
    case "float": {
      if (typeof value !== "number" || !Number.isFinite(value)) return false;
      if (column.type === "int" && !Number.isInteger(value)) return false;
      if ((column.sentinels ?? []).includes(value)) return true;
      return (column.min === undefined || value >= column.min) &&
        (column.max === undefined || value <= column.max);
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function own(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}
