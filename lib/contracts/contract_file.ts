/** Contracts on disk: pretty JSON a person can review and edit, parsed strictly back. */
import { TableContract } from "./types.ts";

/** Parses a table contract from JSON text, naming the file and every problem. */
export function parseContract(text: string, source: string): TableContract {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(`Cannot read contract "${source}": ${(error as Error).message}`);
  }
  const parsed = TableContract.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) =>
    `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`
  );
  throw new TypeError(`Cannot read contract "${source}": ${problems.join("; ")}`);
}

/** Reads a table contract from a JSON file. */
export async function readContract(path: string): Promise<TableContract> {
  return parseContract(await Deno.readTextFile(path), path);
}

/** Formats a table contract as pretty JSON (two-space indent, trailing newline). */
export function formatContract(contract: TableContract): string {
  return `${JSON.stringify(TableContract.parse(contract), null, 2)}\n`;
}
