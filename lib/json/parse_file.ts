/**
 * JSON files read against a zod schema: a file that is not JSON is a SyntaxError naming
 * the file, line and column, one that does not fit the schema a TypeError naming the file and every issue
 * with its dotted path. Every file format of riskpipe reads through here.
 */
import type { z } from "zod";
import { describeJsonSyntaxError } from "./syntax_error.ts";

/** Options for {@link parseJsonFile} and {@link parseJsonText}. */
export interface ParseJsonOptions {
  /** What the file holds, for the message: "contract" gives `Cannot read contract "…"`. */
  what?: string;
}

/**
 * Every issue as `path: message`, `(root)` for the value itself, joined by "; "; `at` is
 * the path of the parsed value inside a larger document, put before each issue's path.
 * @example
 * ```ts
 * import { z } from "zod";
 * import { formatZodIssues } from "./parse_file.ts";
 * const result = z.object({ a: z.number() }).safeParse({ a: "x" });
 * if (result.success) throw new Error("expected a failure");
 * formatZodIssues(result.error.issues); // "a: Invalid input: expected number, received string"
 * ```
 */
export function formatZodIssues(
  issues: readonly z.core.$ZodIssue[],
  at: readonly PropertyKey[] = [],
): string {
  return issues
    .map((issue) => `${[...at, ...issue.path].map(String).join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}

/** Parses JSON text read from `source` against `schema`, naming the source and every issue. */
export function parseJsonText<S extends z.ZodType>(
  text: string,
  source: string,
  schema: S,
  options: ParseJsonOptions = {},
): z.output<S> {
  const prefix = `Cannot read ${options.what === undefined ? "" : `${options.what} `}"${source}"`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new SyntaxError(
      `${prefix}: it is not valid JSON: ${describeJsonSyntaxError(error, text)}`,
    );
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new TypeError(`${prefix}: ${formatZodIssues(parsed.error.issues)}`);
}

/**
 * Reads a JSON file and parses it against `schema`; a missing file is Deno's NotFound.
 * @example
 * ```ts
 * import { z } from "zod";
 * import { parseJsonFile } from "./parse_file.ts";
 * const path = await Deno.makeTempFile({ suffix: ".json" });
 * await Deno.writeTextFile(path, '{"rows": 3}');
 * const { rows } = await parseJsonFile(path, z.object({ rows: z.number() }));
 * if (rows !== 3) throw new Error("expected 3 rows");
 * await Deno.remove(path);
 * ```
 */
export async function parseJsonFile<S extends z.ZodType>(
  path: string,
  schema: S,
  options: ParseJsonOptions = {},
): Promise<z.output<S>> {
  return parseJsonText(await Deno.readTextFile(path), path, schema, options);
}
