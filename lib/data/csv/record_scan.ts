/**
 * A byte scan of a CSV's records, for error messages only. DuckDB numbers a rejected row by
 * its reader line (line breaks inside quoted cells are not counted) and calls an over-long
 * line found while sniffing "line 1"; a person needs the physical line an editor shows.
 */

/** One record as the scan sees it. */
export interface RecordSpan {
  /** DuckDB's line number of the record: 1 + the unquoted line breaks before it. */
  readerLine: number;
  /** Physical line (1-based) on which the record starts. */
  line: number;
  /** Bytes of the record, its line break excluded. */
  bytes: number;
}

/** How a CSV quotes its cells; an empty quote means cells are never quoted. */
export interface QuoteRule {
  quote: string;
  /** Escape character inside quotes; equal to `quote` (or empty) when quotes are doubled. */
  escape: string;
}

const LF = 0x0a;
const CR = 0x0d;
const CHUNK_BYTES = 1 << 20;

/**
 * Calls `visit` for each record of the file in order until it returns false.
 * @example
 * ```ts
 * import { scanRecords } from "./record_scan.ts";
 * const path = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(path, 'id,note\n1,"two\nlines"\n2,plain\n');
 * const starts: number[] = [];
 * await scanRecords(path, { quote: '"', escape: '"' }, (r) => starts.push(r.line) < 10);
 * await Deno.remove(path);
 * if (starts.join() !== "1,2,4") throw new Error(`records start on lines ${starts}`);
 * ```
 */
export async function scanRecords(
  path: string,
  rule: QuoteRule,
  visit: (record: RecordSpan) => boolean,
): Promise<void> {
  const quote = rule.quote === "" ? -1 : rule.quote.charCodeAt(0);
  const escape = rule.escape === "" || rule.escape === rule.quote ? -1 : rule.escape.charCodeAt(0);
  using file = await Deno.open(path);
  const buffer = new Uint8Array(CHUNK_BYTES);
  let quoted = false;
  let escaped = false;
  let line = 1;
  let readerLine = 1;
  let start = { readerLine: 1, line: 1 };
  let bytes = 0;
  let lastByte = -1;
  for (let n = await file.read(buffer); n !== null; n = await file.read(buffer)) {
    for (let i = 0; i < n; i++) {
      const byte = buffer[i];
      if (escaped) escaped = false;
      else if (quoted && byte === escape) escaped = true;
      else if (byte === quote) quoted = !quoted;
      if (byte === LF) {
        line++;
        if (!quoted) {
          const length = lastByte === CR ? bytes - 1 : bytes;
          if (!visit({ ...start, bytes: length })) return;
          readerLine++;
          start = { readerLine, line };
          bytes = 0;
          lastByte = byte;
          continue;
        }
      }
      bytes++;
      lastByte = byte;
    }
  }
  if (bytes > 0) visit({ ...start, bytes });
}

/** Maps DuckDB reader lines to the physical lines their records start on. */
export async function physicalLines(
  path: string,
  rule: QuoteRule,
  readerLines: number[],
): Promise<Map<number, number>> {
  const wanted = new Set(readerLines);
  const last = Math.max(0, ...readerLines);
  const out = new Map<number, number>();
  await scanRecords(path, rule, (record) => {
    if (wanted.has(record.readerLine)) out.set(record.readerLine, record.line);
    return record.readerLine < last;
  });
  return out;
}

/** The first record longer than `limit` bytes, or undefined when none is. */
export async function firstLongRecord(
  path: string,
  rule: QuoteRule,
  limit: number,
): Promise<RecordSpan | undefined> {
  let found: RecordSpan | undefined;
  await scanRecords(path, rule, (record) => {
    if (record.bytes > limit) found = record;
    return found === undefined;
  });
  return found;
}
