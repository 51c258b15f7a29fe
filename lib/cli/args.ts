/** A small flag parser for the runner's CLI commands, with usage errors that name the flag. */

/** A mistake on the command line (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** How each flag of a command is read. */
export interface FlagSpec {
  /** Flags without a value, e.g. "force" for `--force`. */
  booleans?: string[];
  /** Flags taking one value, e.g. "jobs" for `--jobs 4` or `--jobs=4`. */
  strings?: string[];
  /** Flags that may repeat, each taking a value. */
  lists?: string[];
  /** Single-letter aliases, e.g. { f: "force", j: "jobs" }. */
  aliases?: Record<string, string>;
}

/** Parsed flags and positional arguments. */
export interface ParsedArgs {
  positional: string[];
  booleans: Set<string>;
  strings: Map<string, string>;
  lists: Map<string, string[]>;
}

/**
 * Parses `args` for one command; unknown flags and missing values are usage errors.
 * @example
 * ```ts
 * import { parseArgs } from "./args.ts";
 * const parsed = parseArgs("repro", ["train", "--jobs", "2"], { strings: ["jobs"] });
 * if (parsed.strings.get("jobs") !== "2") throw new Error("expected --jobs 2");
 * ```
 */
export function parseArgs(command: string, args: string[], spec: FlagSpec): ParsedArgs {
  const parsed: ParsedArgs = {
    positional: [],
    booleans: new Set(),
    strings: new Map(),
    lists: new Map(),
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      parsed.positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      parsed.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const raw = arg.startsWith("--") ? arg.slice(2, eq < 0 ? undefined : eq) : arg.slice(1);
    const name = arg.startsWith("--") ? raw : spec.aliases?.[raw];
    if (name === undefined) throw new UsageError(`Unknown flag for ${command}: ${arg}`);
    const inline = arg.startsWith("--") && eq >= 0 ? arg.slice(eq + 1) : undefined;
    if (spec.booleans?.includes(name)) {
      if (inline !== undefined) throw new UsageError(`Flag --${name} takes no value: ${arg}`);
      parsed.booleans.add(name);
      continue;
    }
    const isList = spec.lists?.includes(name) ?? false;
    if (!isList && !spec.strings?.includes(name)) {
      throw new UsageError(`Unknown flag for ${command}: ${arg}`);
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`Flag --${name} needs a value`);
    if (isList) parsed.lists.set(name, [...(parsed.lists.get(name) ?? []), value]);
    else parsed.strings.set(name, value);
  }
  return parsed;
}
