/**
 * The fuzz oracle: what the documented API must answer to a scoring request, worked out
 * from the request alone and the served contract (not from lib/scoring): 415 unless the
 * media type is application/json, 413 past the byte limit (or a declared length past
 * it, or too many batch rows), 400 unless the bytes are UTF-8 JSON, 422 naming exactly
 * the fields at fault, else 200. A csv version with stored reading rules takes cells as its
 * file held them: any field may be missing (null, left out, or a missing marker), numbers
 * as decimal text, booleans in the file's spellings, any category text (an unseen level
 * scores as missing), and the target column is ignored.
 */
import type { ColumnContract } from "../../lib/contracts/mod.ts";

/** The answer a scoring request must get; `fields` are the 422's fields, exactly. */
export type Expected =
  | { status: 200; rows: number }
  | { status: 400 | 413 | 415 }
  | { status: 422; fields: string[] };

/** The limits the app was built with, and a csv version's reading rules. */
export interface OracleLimits {
  maxBodyBytes: number;
  maxBatchRows: number;
  csv?: OracleCsv;
}

/** The reading rules a csv version stores (serving.json's `csv`), as far as the oracle needs. */
export interface OracleCsv {
  targetColumn: string;
  missingMarkers: readonly string[];
  trueValues: readonly string[];
  falseValues: readonly string[];
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
    const fields = rowFaults(columns, value, limits.csv);
    return fields.length > 0 ? { status: 422, fields } : { status: 200, rows: 1 };
  }
  return batchAnswer(columns, limits, value);
}

function batchAnswer(columns: ColumnContract[], limits: OracleLimits, body: unknown): Expected {
  const maxRows = limits.maxBatchRows;
  if (!isObject(body)) return { status: 422, fields: [""] };
  const fields: string[] = Object.keys(body).filter((k) => k !== "rows" && k !== "explain");
  const explain = own(body, "explain");
  if (explain !== undefined && typeof explain !== "boolean") fields.push("explain");
  const rows = own(body, "rows");
  if (!Array.isArray(rows)) return { status: 422, fields: [...fields, "rows"] };
  if (rows.length === 0) fields.push("rows");
  if (rows.length > maxRows) return { status: 413 };
  rows.forEach((row, i) => {
    for (const field of rowFaults(columns, row, limits.csv)) {
      fields.push(field === "" ? `rows.${i}` : `rows.${i}.${field}`);
    }
  });
  return fields.length > 0 ? { status: 422, fields } : { status: 200, rows: rows.length };
}

/** The fields of `row` that break the contract ("" when it is not an object). */
export function rowFaults(columns: ColumnContract[], row: unknown, csv?: OracleCsv): string[] {
  if (!isObject(row)) return [""];
  const known = new Set(columns.map((c) => c.name));
  if (csv !== undefined) known.add(csv.targetColumn);
  const faults = Object.keys(row).filter((k) => !known.has(k));
  for (const column of columns) {
    if (column.name === csv?.targetColumn) continue;
    const value = own(row, column.name);
    const accepted = csv === undefined
      ? isAccepted(column, value)
      : readCsvCell(column, value, csv).ok;
    if (!accepted) faults.push(column.name);
  }
  return faults;
}

/** A cell read under a csv version's rules: its typed value, or not readable. */
export type OracleCell = { ok: true; value: unknown } | { ok: false };

/** Reads `value` as a csv version reads a cell of `column` (the oracle's own reading). */
export function readCsvCell(column: ColumnContract, value: unknown, csv: OracleCsv): OracleCell {
  const markers = new Set(csv.missingMarkers.map((m) => m.trim().toLowerCase()));
  const isMarker = (v: unknown) => typeof v === "string" && markers.has(v.trim().toLowerCase());
  if (value === undefined || value === null || isMarker(value)) return { ok: true, value: null };
  const typed = ((): unknown => {
    switch (column.type) {
      case "boolean": {
        if (typeof value === "boolean") return value;
        if (typeof value !== "string" && typeof value !== "number") return undefined;
        const word = String(value).trim().toLowerCase();
        const is = (spellings: readonly string[], plain: string) =>
          word === plain || spellings.some((s) => s.trim().toLowerCase() === word);
        return is(csv.trueValues, "true") ? true : is(csv.falseValues, "false") ? false : undefined;
      }
      case "string":
      case "text":
      case "category":
        if (typeof value === "number" && Number.isFinite(value)) return String(value);
        return typeof value === "string" ? value.trim() : undefined;
      case "int":
      case "float": {
        if (typeof value === "number") return value;
        if (typeof value !== "string") return undefined;
        const text = value.trim();
        const pattern = column.type === "int"
          ? /^[+-]?\d+$/
          : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
        return pattern.test(text) ? Number(text) : undefined;
      }
    }
  })();
  if (typed === undefined) return { ok: false };
  // An unseen category level is scored as missing, so every text is accepted.
  const rules = column.type === "category" ? { ...column, levels: undefined } : column;
  return isAccepted({ ...rules, nullable: true }, typed)
    ? { ok: true, value: typed }
    : { ok: false };
}

/** Whether `column` accepts `value` (the fuzz oracle's own reading of the contract). */
export function isAccepted(column: ColumnContract, value: unknown): boolean {
  if (value === undefined || value === null) return column.nullable;
  switch (column.type) {
    case "boolean":
      return typeof value === "boolean";
    case "string":
    case "text":
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
