/**
 * The contract format: what a table must look like, written once as zod schemas so the
 * same definition is JSON on disk (the csv source's reviewable contract file), bulk SQL
 * checks in DuckDB, and a zod validator for single rows.
 */
import { z } from "zod";

/**
 * Logical column types; each maps to one family of DuckDB/parquet types. `text` is free
 * text (a csv column that becomes TF-IDF features); it is stored and checked as a string.
 */
export const ColumnType = z.enum(["int", "float", "string", "category", "boolean", "text"]);

/** Logical column type of a contract column. */
export type ColumnType = z.infer<typeof ColumnType>;

/** One column: its type, nullability, allowed values and null-rate limits. */
export const ColumnContract = z.strictObject({
  name: z.string().min(1),
  type: ColumnType,
  /** Whether NULL (missing) is allowed at all. */
  nullable: z.boolean(),
  /** Smallest allowed value (int and float columns); sentinels are exempt. */
  min: z.number().optional(),
  /** Largest allowed value (int and float columns); sentinels are exempt. */
  max: z.number().optional(),
  /** Allowed category levels (category columns), most frequent first. */
  levels: z.array(z.string()).optional(),
  /** Placeholder values allowed outside [min, max], e.g. DAYS_EMPLOYED 365243. */
  sentinels: z.array(z.number()).optional(),
  /** Hard ceiling on the share of NULL cells: above it the table fails. */
  maxNullRate: z.number().min(0).max(1).optional(),
  /** Soft ceiling on the share of NULL cells: above it a warning is recorded. */
  warnNullRate: z.number().min(0).max(1).optional(),
  description: z.string().optional(),
});

/** One column of a table contract. */
export type ColumnContract = z.infer<typeof ColumnContract>;

/** Every non-null value of `columns` must exist in `references` of `table`. */
export const ForeignKey = z.strictObject({
  columns: z.array(z.string()).min(1),
  table: z.string().min(1),
  references: z.array(z.string()).min(1),
  /** "warning" for relations with known orphans in real data. */
  severity: z.enum(["error", "warning"]),
});

/** A foreign key from one table of a contract set to another. */
export type ForeignKey = z.infer<typeof ForeignKey>;

const TableContractShape = z.strictObject({
  formatVersion: z.literal(1),
  table: z.string().min(1),
  /** Columns whose combined value is unique and non-null; empty when the table has no key. */
  key: z.array(z.string()),
  /** Binary target column (values in {0, 1}), when the table has one. */
  target: z.string().optional(),
  /** Row-count floor. */
  minRows: z.number().int().min(0).optional(),
  columns: z.array(ColumnContract).min(1),
  foreignKeys: z.array(ForeignKey).optional(),
});

/** A table: key, target, row floor, columns in order and foreign keys. */
export const TableContract = TableContractShape.superRefine((table, ctx) => {
  const names = new Set<string>();
  table.columns.forEach((column, index) => {
    if (names.has(column.name)) {
      ctx.addIssue({
        code: "custom",
        path: ["columns", index, "name"],
        message: `Column "${column.name}" appears twice`,
      });
    }
    names.add(column.name);
    for (const problem of columnProblems(column)) {
      ctx.addIssue({ code: "custom", path: ["columns", index], message: problem });
    }
  });
  const mustExist = (column: string, path: (string | number)[]) => {
    if (!names.has(column)) {
      ctx.addIssue({ code: "custom", path, message: `Column "${column}" is not in the contract` });
    }
  };
  table.key.forEach((column, index) => mustExist(column, ["key", index]));
  if (table.target !== undefined) mustExist(table.target, ["target"]);
  (table.foreignKeys ?? []).forEach((fk, index) => {
    fk.columns.forEach((column, j) => mustExist(column, ["foreignKeys", index, "columns", j]));
    if (fk.columns.length !== fk.references.length) {
      ctx.addIssue({
        code: "custom",
        path: ["foreignKeys", index],
        message: "Columns and references differ in length",
      });
    }
  });
});

/** A table contract, as written in code or read from a JSON file. */
export type TableContract = z.infer<typeof TableContractShape>;

function columnProblems(column: ColumnContract): string[] {
  const problems: string[] = [];
  const numeric = column.type === "int" || column.type === "float";
  if (!numeric && (column.min !== undefined || column.max !== undefined)) {
    problems.push(`Column "${column.name}": min and max apply to int and float columns only`);
  }
  if (!numeric && column.sentinels !== undefined) {
    problems.push(`Column "${column.name}": sentinels apply to int and float columns only`);
  }
  if (column.type !== "category" && column.levels !== undefined) {
    problems.push(`Column "${column.name}": levels apply to category columns only`);
  }
  if (column.min !== undefined && column.max !== undefined && column.min > column.max) {
    problems.push(`Column "${column.name}": min ${column.min} is above max ${column.max}`);
  }
  if (!column.nullable && column.maxNullRate !== undefined) {
    problems.push(`Column "${column.name}": maxNullRate needs a nullable column`);
  }
  return problems;
}
