/** JSON text parsed so that a syntax error names the file, line and column. */

/**
 * Parses `text` read from `source` (a file path) without a schema; a syntax error becomes a
 * `SyntaxError` naming the source and, where the parser gives a position, its line and
 * column.
 * @example
 * ```ts
 * import { parseJsonValue } from "./syntax_error.ts";
 * parseJsonValue('{"a": 1}', "version.json"); // { a: 1 }
 * ```
 */
export function parseJsonValue(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new SyntaxError(
      `Cannot read ${source}: it is not valid JSON: ${describeJsonSyntaxError(error, text)}`,
    );
  }
}

/** The parser's message on one line, with the line and column added when it has none. */
export function describeJsonSyntaxError(error: SyntaxError, text: string): string {
  const message = error.message.split("\n")[0];
  if (/line \d+ column \d+/.test(message)) return message;
  const position = message.match(/at position (\d+)/);
  if (position !== null) return `${message} (${lineColumn(text, Number(position[1]))})`;
  if (/Unexpected end of JSON input/.test(message)) {
    return `the file ends early (${lineColumn(text, text.length)})`;
  }
  // V8's "Unexpected token" form quotes the text around the token (often across lines)
  // instead of giving its position, so the position is found again.
  const token = message.match(/^Unexpected token '(.+?)'/)?.[1];
  const at = lineColumn(text, viablePrefixLength(text));
  return token === undefined ? `${message} (${at})` : `unexpected token '${token}' (${at})`;
}

/**
 * Length of the longest prefix of `text` that could still begin a valid JSON text: the
 * parser stops at the first character after it. A binary search, as being such a prefix
 * holds for every shorter prefix too.
 */
function viablePrefixLength(text: string): number {
  const viable = (n: number) => {
    try {
      JSON.parse(text.slice(0, n));
      return true;
    } catch (error) {
      if (!(error instanceof SyntaxError)) return false;
      // Running out of text is reported as an end, or as an error at the prefix's end.
      const position = error.message.match(/at position (\d+)/);
      return /Unexpected end of JSON input/.test(error.message) ||
        (position !== null && Number(position[1]) >= n);
    }
  };
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (viable(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return `line ${line} column ${column}`;
}
