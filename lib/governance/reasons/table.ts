/**
 * The reason-code table (`reasons.yaml`, named by params `governance.reasons`): each
 * entry maps a feature or a group of features to a code and a plain-language text an
 * adverse-action notice can quote. This file reads and checks the table on its own;
 * `compile.ts` checks it against a model's features.
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { formatZodIssues } from "../../json/mod.ts";

/** File name of the table inside a registered version. */
export const REASONS_FILE = "reasons.yaml";

/** One reason: a code, its text, and the features (names or `*` patterns) it covers. */
export const ReasonEntry = z.strictObject({
  /** Short stable code, e.g. "R03". */
  code: z.string().regex(/^[A-Za-z0-9_.-]{1,16}$/, {
    message: "Must be 1 to 16 letters, digits, '_', '.' or '-'",
  }),
  /** The sentence a client reads, e.g. "Short time in current employment". */
  text: z.string().trim().min(1).max(200),
  /**
   * Feature names of the model, or patterns where `*` stands for any characters
   * ("EXT_SOURCE*"); every name and pattern must match a feature.
   */
  features: z.array(z.string().min(1)).min(1),
});

/** One reason of the table. */
export type ReasonEntry = z.infer<typeof ReasonEntry>;

/** The whole reason table. */
export const ReasonTable = z.strictObject({
  formatVersion: z.literal(1),
  reasons: z.array(ReasonEntry).min(1),
}).superRefine((table, ctx) => {
  const firstByCode = new Map<string, number>();
  table.reasons.forEach((entry, i) => {
    const first = firstByCode.get(entry.code);
    if (first === undefined) firstByCode.set(entry.code, i);
    else {
      ctx.addIssue({
        code: "custom",
        path: ["reasons", i, "code"],
        message: `Duplicate code "${entry.code}": reasons.${first} has it too`,
      });
    }
  });
});

/** The parsed reason table. */
export type ReasonTable = z.infer<typeof ReasonTable>;

/**
 * A reason table that cannot be used: not YAML, not the schema, or not the model's
 * features. Named "ParamError" (exit code 2 in a stage, as for a bad param); `problems`
 * holds one line per entry and rule.
 */
export class ReasonTableError extends TypeError {
  /** One line per problem, e.g. `reasons.2 (R03): feature "DAYS_EMPLOYD" is not …`. */
  readonly problems: string[];
  constructor(source: string, problems: string[]) {
    super(
      problems.length === 1
        ? `Invalid reason table "${source}": ${problems[0]}`
        : `Invalid reason table "${source}": ${problems.length} problems\n${
          problems.map((p) => `  - ${p}`).join("\n")
        }`,
    );
    this.name = "ParamError";
    this.problems = problems;
  }
}

/**
 * Parses reason-table YAML read from `source` (named in every error).
 * @example
 * ```ts
 * import { parseReasonTable } from "./table.ts";
 * const table = parseReasonTable(
 *   "formatVersion: 1\nreasons:\n  - { code: R01, text: External scores are low, features: [EXT_SOURCE*] }\n",
 *   "reasons.yaml",
 * );
 * if (table.reasons[0].code !== "R01") throw new Error("expected R01");
 * ```
 */
export function parseReasonTable(text: string, source: string): ReasonTable {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    throw new ReasonTableError(source, [`it is not valid YAML: ${error.message.split("\n")[0]}`]);
  }
  const parsed = ReasonTable.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ReasonTableError(source, parsed.error.issues.map((issue) => formatZodIssues([issue])));
}

/** Reads and parses the reason table at `path`; a missing file is Deno's NotFound. */
export async function readReasonTable(path: string): Promise<ReasonTable> {
  return parseReasonTable(await Deno.readTextFile(path), path);
}
