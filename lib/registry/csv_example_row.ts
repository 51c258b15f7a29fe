/**
 * The example row of a csv version, in the training file's own spelling: the first
 * record of the CSV (in file order) that the version reads and accepts, its cells as the
 * file holds them (text), the target left out. When the CSV is not at hand, the typed
 * example from table.parquet is spelled back (numbers as text, booleans by the first of
 * the recorded spellings).
 */
import { rowSchema, type TableContract, validateRow } from "../contracts/mod.ts";
import type { CsvFormat } from "../contracts/csv_contract_file.ts";
import { openDuckDb, queryRows, quoteLiteral } from "../duckdb/mod.ts";
import { requestRules } from "./request_rules.ts";
import type { ServingInfo } from "./serving_info.ts";

/** Records read before giving up on finding one the version accepts. */
const CANDIDATES = 100;

/**
 * Reads the example from the CSV at `path`; undefined when the file is absent or none of
 * its first records is accepted.
 * @example
 * const example = await readCsvExampleRow("data/raw/loans.csv", info);
 */
export async function readCsvExampleRow(
  path: string,
  info: Pick<ServingInfo, "contract" | "omit" | "csv">,
): Promise<Record<string, unknown> | undefined> {
  if (info.csv === undefined) return undefined;
  try {
    await Deno.stat(path);
  } catch {
    return undefined;
  }
  const fields = requestFields(info.contract, info.omit, info.csv);
  const conn = await openDuckDb({ threads: 1 });
  let records: Record<string, unknown>[];
  try {
    records = await queryRows(
      conn,
      `select * from read_csv(${quoteLiteral(path)}, all_varchar = true, header = true) ` +
        `limit ${CANDIDATES}`,
    );
  } catch {
    return undefined;
  } finally {
    conn.closeSync();
  }
  // An empty cell reads as NULL; the file held "", which is missing when "" is a marker.
  const empty = info.csv.missingMarkers.some((m) => m.trim() === "") ? "" : null;
  const validator = validatorOf(info);
  for (const record of records) {
    const row: Record<string, unknown> = {};
    for (const field of fields) {
      if (field in record) row[field] = record[field] ?? empty;
    }
    if (accepts(validator, row)) return row;
  }
  return undefined;
}

/** A typed example row spelled as the file would hold it. */
export function spellCsvRow(
  row: Record<string, unknown>,
  format: CsvFormat,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([field, value]) => {
      if (value === true) return [field, format.trueValues[0]];
      if (value === false) return [field, format.falseValues[0]];
      if (typeof value === "number" || typeof value === "bigint") return [field, String(value)];
      return [field, value];
    }),
  );
}

function requestFields(contract: TableContract, omit: readonly string[], format: CsvFormat) {
  const skip = new Set([...omit, format.targetColumn]);
  return contract.columns.map((c) => c.name).filter((name) => !skip.has(name));
}

function validatorOf(info: Pick<ServingInfo, "contract" | "omit" | "csv">) {
  const rules = requestRules(info);
  return { schema: rowSchema(rules.contract, { omit: [...rules.omit] }), read: rules.read };
}

/** Whether a raw record reads (csv rules) and then validates, as lib/scoring's checkRequestRow. */
function accepts(validator: ReturnType<typeof validatorOf>, raw: Record<string, unknown>) {
  if (validator.read === undefined) return validateRow(validator.schema, raw).success;
  const read = validator.read(raw);
  return read.issues.length === 0 && validateRow(validator.schema, read.row).success;
}
