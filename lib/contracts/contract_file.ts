/** Contracts on disk: pretty JSON a person can review and edit, parsed strictly back. */
import { parseJsonText } from "../json/mod.ts";
import { TableContract } from "./types.ts";

/** Parses a table contract from JSON text, naming the file and every problem. */
export function parseContract(text: string, source: string): TableContract {
  return parseJsonText(text, source, TableContract, { what: "contract" });
}

/** Reads a table contract from a JSON file. */
export async function readContract(path: string): Promise<TableContract> {
  return parseContract(await Deno.readTextFile(path), path);
}

/** Formats a table contract as pretty JSON (two-space indent, trailing newline). */
export function formatContract(contract: TableContract): string {
  return `${JSON.stringify(TableContract.parse(contract), null, 2)}\n`;
}
