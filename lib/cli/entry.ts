/** How every CLI entry file ends: run `main`, print an error's message, exit with a code. */
import { UsageError } from "./args.ts";

/** Env var that adds the stack to an error message. */
const DEBUG_ENV = "RISKPIPE_DEBUG";

/**
 * Runs a command's `main` and exits with the code it returns (a `main` returning nothing
 * leaves the process to end by itself, as a server's signal handler does). An error, thrown
 * by `main` or by a promise no one awaited, prints its message alone (the stack too when
 * RISKPIPE_DEBUG is set) and exits 2 for a usage mistake, 1 otherwise.
 * @example
 * ```ts
 * import { runEntry } from "./entry.ts";
 * // How an entry file ends: `if (import.meta.main) await runEntry(main);`
 * const main = (_args: string[]) => Promise.resolve(); // returns no code: the process is not exited
 * await runEntry(main);
 * ```
 */
export async function runEntry(
  main: (args: string[]) => Promise<number | void>,
  options: EntryOptions = {},
): Promise<void> {
  const prefix = options.failurePrefix ?? "";
  globalThis.addEventListener("unhandledrejection", (event) => {
    event.preventDefault();
    failEntry(event.reason, prefix);
  });
  let code: number | void;
  try {
    code = await main(Deno.args);
  } catch (error) {
    failEntry(error, prefix);
  }
  if (typeof code === "number") Deno.exit(code);
}

/** How runEntry reports a failure. */
export interface EntryOptions {
  /** Put before the message of any error but a usage mistake (`serve: cannot start: `). */
  failurePrefix?: string;
}

function failEntry(error: unknown, prefix: string): never {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof UsageError ? message : prefix + message);
  if (Deno.env.get(DEBUG_ENV) && error instanceof Error && error.stack) console.error(error.stack);
  Deno.exit(error instanceof UsageError ? 2 : 1);
}
