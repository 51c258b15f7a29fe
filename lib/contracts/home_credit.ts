/**
 * Contracts of the seven Home Credit tables, derived from `lib/data/home_credit/schema.ts`
 * (types, nullability, category levels, sentinels, full-data ranges widened by a margin)
 * plus hand-written refinements where the data's meaning is sharper than its extremes.
 */
import {
  type ColumnSchema,
  HOME_CREDIT_TABLES,
  type TableName,
  tableSchema,
} from "./home_credit_schema.ts";
import { HOME_CREDIT_REFINEMENTS } from "./home_credit_refinements.ts";
import type { ColumnContract, ForeignKey, TableContract } from "./types.ts";

/** Options for {@link homeCreditContracts}. */
export interface HomeCreditContractOptions {
  /**
   * "home-credit" (the real Kaggle files) turns references to application_train into
   * warnings, since the history tables also cover application_test's clients.
   */
  source: "synthetic" | "home-credit";
  /** Row-count floors per table (default: 1 for application_train, none for the others). */
  minRows?: Partial<Record<TableName, number>>;
}

/** Share of the observed span by which full-data ranges are widened on open sides. */
const RANGE_MARGIN = 0.5;
/** Null-rate ceilings above the Kaggle rate: hard (error) and soft (warning). */
const NULL_RATE_SLACK = { error: 0.1, warning: 0.02 };

/** Relations between the tables; "orphans" ones have dangling keys in the Kaggle data. */
const RELATIONS: { from: TableName; column: string; to: TableName; orphans: boolean }[] = [
  { from: "bureau", column: "SK_ID_CURR", to: "application_train", orphans: false },
  { from: "bureau_balance", column: "SK_ID_BUREAU", to: "bureau", orphans: true },
  { from: "previous_application", column: "SK_ID_CURR", to: "application_train", orphans: false },
  { from: "POS_CASH_balance", column: "SK_ID_PREV", to: "previous_application", orphans: true },
  { from: "POS_CASH_balance", column: "SK_ID_CURR", to: "application_train", orphans: false },
  {
    from: "installments_payments",
    column: "SK_ID_PREV",
    to: "previous_application",
    orphans: true,
  },
  { from: "installments_payments", column: "SK_ID_CURR", to: "application_train", orphans: false },
  { from: "credit_card_balance", column: "SK_ID_PREV", to: "previous_application", orphans: true },
  { from: "credit_card_balance", column: "SK_ID_CURR", to: "application_train", orphans: false },
];

/**
 * Returns the contract of each Home Credit table, in pipeline order.
 * @example
 * ```ts
 * import { homeCreditContracts } from "./home_credit.ts";
 * const contracts = homeCreditContracts({ source: "synthetic", minRows: { application_train: 20000 } });
 * if (contracts.length === 0) throw new Error("expected a contract per table");
 * ```
 */
export function homeCreditContracts(options: HomeCreditContractOptions): TableContract[] {
  return HOME_CREDIT_TABLES.map((name) => homeCreditContract(name, options));
}

/** Returns the contract of one Home Credit table. */
export function homeCreditContract(
  name: TableName,
  options: HomeCreditContractOptions,
): TableContract {
  const schema = tableSchema(name);
  const refinements = HOME_CREDIT_REFINEMENTS[name] ?? {};
  const columns = schema.columns.map((column) => {
    const contract = columnContract(column);
    if (schema.key.includes(column.name)) contract.nullable = false;
    return { ...contract, ...refinements[column.name] };
  });
  const foreignKeys: ForeignKey[] = RELATIONS.filter((r) => r.from === name).map((r) => ({
    columns: [r.column],
    table: r.to,
    references: [keyOf(r.to)],
    severity: r.orphans || (options.source === "home-credit" && r.to === "application_train")
      ? "warning"
      : "error",
  }));
  const defaultFloor = name === "application_train" ? 1 : undefined;
  const minRows = options.minRows?.[name] ?? defaultFloor;
  return {
    formatVersion: 1,
    table: name,
    key: schema.key,
    ...(name === "application_train" ? { target: "TARGET" } : {}),
    ...(minRows !== undefined ? { minRows } : {}),
    columns: columns.map(dropUndefined),
    ...(foreignKeys.length > 0 ? { foreignKeys } : {}),
  };
}

function columnContract(column: ColumnSchema): ColumnContract {
  const nullable = column.missingRate > 0;
  const base: ColumnContract = {
    name: column.name,
    type: column.dtype === "int64" ? "int" : column.dtype === "float64" ? "float" : "category",
    nullable,
    description: column.description,
  };
  if (column.dtype === "object") base.levels = [...(column.levels ?? [])];
  else Object.assign(base, rangeOf(column));
  if (nullable) {
    base.maxNullRate = round4(Math.min(1, column.missingRate + NULL_RATE_SLACK.error));
    base.warnNullRate = round4(Math.min(1, column.missingRate + NULL_RATE_SLACK.warning));
  }
  return base;
}

/**
 * Widens the full-data range by a margin on open sides; a side that sits at or across
 * zero stays there, since the sign of a day count or an amount carries meaning.
 */
function rangeOf(column: ColumnSchema): Pick<ColumnContract, "min" | "max" | "sentinels"> {
  const sentinel = column.sentinel;
  const out: Pick<ColumnContract, "min" | "max" | "sentinels"> = {};
  if (sentinel !== undefined) out.sentinels = [sentinel];
  const min = column.min;
  const max = sentinel !== undefined && column.max === sentinel ? undefined : column.max;
  if (min === 0 && max === 1) return { ...out, min: 0, max: 1 };
  const span = min !== undefined && max !== undefined ? max - min : Math.abs(min ?? max ?? 0);
  const margin = span * RANGE_MARGIN;
  const whole = column.dtype === "int64";
  if (min !== undefined) out.min = min >= 0 ? 0 : whole ? Math.floor(min - margin) : min - margin;
  if (max !== undefined) out.max = max <= 0 ? 0 : whole ? Math.ceil(max + margin) : max + margin;
  return out;
}

function keyOf(table: TableName): string {
  const key = tableSchema(table).key;
  if (key.length !== 1) throw new RangeError(`Cannot reference table "${table}": no single key`);
  return key[0];
}

function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

function dropUndefined(column: ColumnContract): ColumnContract {
  return Object.fromEntries(
    Object.entries(column).filter(([, value]) => value !== undefined),
  ) as ColumnContract;
}
