/**
 * A row of a csv-source version read the way ingest read the training file: the version's
 * stored missing markers and boolean spellings, numbers given as text, category text
 * trimmed, the target column ignored. Typed JSON values (numbers, true/false, null) read
 * as themselves, so a row already typed reads the same. A category value outside the
 * recorded levels is kept (the model's coding scores it as missing) and reported as unseen.
 */
import type { ColumnContract, RowIssue, TableContract } from "../contracts/mod.ts";
import type { CsvFormat } from "../contracts/csv_contract_file.ts";

/** A row read: its typed values, the fields that could not be read, the unseen levels. */
export interface CsvRowRead {
  /** Typed values; fields in `issues` are left out, unknown fields pass through. */
  row: Record<string, unknown>;
  /** One issue per field whose value cannot be read (rule "type" or "integer"). */
  issues: RowIssue[];
  /** Category fields whose value is not one of the recorded levels. */
  unseen: string[];
}

/** Reads one raw row (an object of CSV text or JSON values). */
export type CsvRowReader = (raw: unknown) => CsvRowRead;

type Cell = { value: unknown; unseen?: true } | { issue: Omit<RowIssue, "field"> };
type CellReader = (value: unknown) => Cell;

const FLOAT_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INT_TEXT = /^[+-]?\d+$/;

/**
 * Compiles the reader of `contract`'s rows under `format` (the version's stored rules).
 * @example
 * const read = compileCsvRowReader(info.contract, info.csv!);
 * read({ age: "41", member: "yes", income: "NA" }).row; // { age: 41, member: true, income: null }
 */
export function compileCsvRowReader(contract: TableContract, format: CsvFormat): CsvRowReader {
  const missing = new Set(format.missingMarkers.map((m) => m.trim().toLowerCase()));
  const readers = new Map<string, CellReader>();
  for (const column of contract.columns) {
    if (column.name === format.targetColumn) continue;
    readers.set(column.name, cellReader(column, format, missing));
  }
  return (raw) => {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      return {
        row: {},
        issues: [{ field: "", rule: "type", message: "The row must be an object" }],
        unseen: [],
      };
    }
    const row: Record<string, unknown> = {};
    const issues: RowIssue[] = [];
    const unseen: string[] = [];
    for (const [field, value] of Object.entries(raw)) {
      if (field === format.targetColumn) continue;
      const read = readers.get(field);
      if (read === undefined) {
        row[field] = value;
        continue;
      }
      const cell = read(value);
      if ("issue" in cell) issues.push({ field, ...cell.issue });
      else {
        row[field] = cell.value;
        if (cell.unseen) unseen.push(field);
      }
    }
    return { row, issues, unseen };
  };
}

function cellReader(column: ColumnContract, format: CsvFormat, missing: Set<string>): CellReader {
  const isMissing = (text: string) => missing.has(text.trim().toLowerCase());
  const markers = format.missingMarkers.filter((m) => m.trim() !== "").join(", ");
  const orMissing = `, or missing (null${markers === "" ? "" : `, ${markers}`})`;
  const fail = (rule: string, message: string, value: unknown): Cell => ({
    issue: {
      rule,
      message: `"${column.name}": ${message}${orMissing}, got ${describe(value)}`,
    },
  });
  const text = (value: unknown) => typeof value === "string" ? value : undefined;
  switch (column.type) {
    case "int":
    case "float": {
      const noun = column.type === "int" ? "an integer" : "a number";
      return (value) => {
        if (value === null || value === undefined) return { value: null };
        if (typeof value === "number") return { value };
        if (typeof value === "bigint") return { value: Number(value) };
        const t = text(value);
        if (t === undefined) return fail("type", `must be ${noun}`, value);
        if (isMissing(t)) return { value: null };
        const trimmed = t.trim();
        if (!FLOAT_TEXT.test(trimmed)) return fail("type", `must be ${noun}`, value);
        if (column.type === "int" && !INT_TEXT.test(trimmed)) {
          return fail("integer", "must be an integer", value);
        }
        return { value: Number(trimmed) };
      };
    }
    case "boolean": {
      const truthy = new Set([...format.trueValues.map(lower), "true"]);
      const falsy = new Set([...format.falseValues.map(lower), "false"]);
      const spellings = [...format.trueValues, ...format.falseValues].join(", ");
      const message = `must be one of ${spellings} (any case), or true or false`;
      return (value) => {
        if (value === null || value === undefined) return { value: null };
        if (typeof value === "boolean") return { value };
        if (typeof value !== "string" && typeof value !== "number") {
          return fail("type", message, value);
        }
        const t = String(value);
        if (isMissing(t)) return { value: null };
        const word = lower(t);
        if (truthy.has(word)) return { value: true };
        if (falsy.has(word)) return { value: false };
        return fail("type", message, value);
      };
    }
    case "category":
    case "string":
    case "text": {
      const levels = column.type === "category" && column.levels !== undefined
        ? new Set(column.levels)
        : undefined;
      return (value) => {
        if (value === null || value === undefined) return { value: null };
        let t: string;
        if (typeof value === "string") t = value;
        else if (typeof value === "number" && Number.isFinite(value)) t = String(value);
        else if (typeof value === "bigint") t = String(value);
        else return fail("type", "must be a string", value);
        if (isMissing(t)) return { value: null };
        const trimmed = t.trim();
        if (levels !== undefined && !levels.has(trimmed)) return { value: trimmed, unseen: true };
        return { value: trimmed };
      };
    }
  }
}

function lower(text: string): string {
  return text.trim().toLowerCase();
}

function describe(value: unknown): string {
  if (typeof value === "string") {
    return JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value);
  }
  if (typeof value === "object") return Array.isArray(value) ? "an array" : "an object";
  return String(value);
}
