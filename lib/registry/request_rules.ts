/**
 * The rules a served version checks request rows by. A Home Credit version (or a csv
 * version registered before its reading rules were stored) takes typed JSON under its
 * contract. A csv version with stored rules reads each row as its file held it first
 * (csv_row.ts); then every field may be missing, as cells of a new file may be, and a
 * category's level list no longer refuses a value: an unseen level scores as missing.
 */
import type { TableContract } from "../contracts/mod.ts";
import { compileCsvRowReader, type CsvRowReader } from "./csv_row.ts";
import type { ServingInfo } from "./serving_info.ts";

/** The contract request rows are validated with, the fields left out, and the reader. */
export interface RequestRules {
  contract: TableContract;
  omit: readonly string[];
  /** Reads a raw row of a csv version into typed values before validation. */
  read?: CsvRowReader;
}

/**
 * The request rules of a version's serving.json.
 * @example
 * const rules = requestRules(info);
 * const schema = rowSchema(rules.contract, { omit: [...rules.omit] });
 */
export function requestRules(
  info: Pick<ServingInfo, "contract" | "omit" | "csv">,
): RequestRules {
  if (info.csv === undefined) return { contract: info.contract, omit: info.omit };
  const columns = info.contract.columns.map(({ levels: _, ...column }) => ({
    ...column,
    nullable: true,
  }));
  return {
    contract: { ...info.contract, columns },
    omit: info.omit,
    read: compileCsvRowReader(info.contract, info.csv),
  };
}
