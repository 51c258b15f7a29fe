/**
 * The CSV's header line as the file holds it. DuckDB renames repeated names (`age` →
 * `age_1`, and `Age`/`age` too, its names being case-insensitive), so repeats are found in
 * the raw line, before the reader touches them.
 */
import type { CsvDialect } from "./dialect.ts";

const LF = 0x0a;
const CHUNK_BYTES = 64 * 1024;

/**
 * Reads line 1 of the file (BOM and line break removed), reading at most `maxBytes`;
 * undefined when the file has no bytes at all.
 */
export async function readHeaderLine(path: string, maxBytes: number): Promise<string | undefined> {
  using file = await Deno.open(path);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const buffer = new Uint8Array(CHUNK_BYTES);
  for (let n = await file.read(buffer); n !== null; n = await file.read(buffer)) {
    const end = buffer.subarray(0, n).indexOf(LF);
    chunks.push(buffer.slice(0, end < 0 ? n : end));
    total += end < 0 ? n : end;
    if (end >= 0 || total >= maxBytes) break;
  }
  if (chunks.length === 0) return undefined;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  // TextDecoder drops a leading BOM by default.
  return new TextDecoder().decode(bytes).replace(/\r$/, "");
}

/** Splits one CSV line into its fields under the dialect (quotes removed, doubled quotes undone). */
export function splitHeaderLine(line: string, dialect: CsvDialect): string[] {
  const { delimiter, quote } = dialect;
  const escape = dialect.escape === "" ? quote : dialect.escape;
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === escape && escape !== quote && i + 1 < line.length) field += line[++i];
      else if (ch === quote && line[i + 1] === quote) field += line[++i];
      else if (ch === quote) quoted = false;
      else field += ch;
    } else if (quote !== "" && ch === quote) quoted = true;
    else if (line.startsWith(delimiter, i)) {
      fields.push(field);
      field = "";
      i += delimiter.length - 1;
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** Refuses a header naming a column twice (case-insensitively, as DuckDB compares names). */
export function checkHeaderNames(path: string, names: string[]): void {
  const seen = new Map<string, number>();
  for (const [i, name] of names.entries()) {
    const key = name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined && name !== "") {
      throw new SyntaxError(
        `Cannot ingest "${path}": header repeats a column name: column ${first + 1} ` +
          `${JSON.stringify(names[first])} and column ${i + 1} ${JSON.stringify(name)} ` +
          "(names must be unique, compared case-insensitively)",
      );
    }
    if (first === undefined) seen.set(key, i);
  }
}
