/** How every CLI entry file ends: run `main`, print an error's message, exit with a code. */
import { UsageError } from "./args.ts";

/**
 * Runs a command's `main` and exits with its code; an error prints its message alone
 * (no stack) and exits 2 for a usage mistake, 1 otherwise.
 * @example
 * if (import.meta.main) await runEntry(main);
 */
export async function runEntry(main: (args: string[]) => Promise<number>): Promise<never> {
  try {
    Deno.exit(await main(Deno.args));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    Deno.exit(error instanceof UsageError ? 2 : 1);
  }
}
