/**
 * The riskpipe CLI: `deno run -A lib/cli/main.ts <command> …`. Commands are imported
 * lazily so a no-op `repro` loads only what it needs. Exit codes: 0 success, 1 a stage
 * failed (or an unexpected error), 2 a usage or pipeline definition error, 3 the repro
 * mutex is held by another process.
 */
import { UsageError } from "./args.ts";
import { runEntry } from "./entry.ts";

/** A command's entry point: arguments after the command name and the repo root. */
type CommandMain = (args: string[], root: string) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandMain> }> = {
  repro: {
    summary: "bring the pipeline up to date (see repro --help)",
    load: async () => (await import("./repro.ts")).main,
  },
  status: {
    summary: "list stale stages and why",
    load: async () => (await import("./status.ts")).main,
  },
  dag: {
    summary: "print the stage graph (--mermaid, --dot)",
    load: async () => (await import("./dag.ts")).main,
  },
  params: {
    summary: "params diff [rev] [--json]: param changes against a git revision",
    load: async () => (await import("./params.ts")).main,
  },
  metrics: {
    summary: "metrics show|diff [rev] [--json]",
    load: async () => (await import("./metrics.ts")).main,
  },
  gc: {
    summary: "remove cache objects the lock no longer references (--revs N)",
    load: async () => (await import("./gc.ts")).main,
  },
};

/** Usage text of the CLI. */
export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    "Usage: deno task <command> [args…]   (or deno run -A lib/cli/main.ts <command> …)",
    "",
    "Commands:",
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    "",
    "Exit codes: 0 success, 1 a stage failed, 2 usage or pipeline error, 3 repro lock held",
  ].join("\n");
}

/**
 * Runs one CLI invocation and returns its exit code; errors become messages on stderr.
 * @example
 * Deno.exit(await runCli(["status"], Deno.cwd()));
 */
export async function runCli(args: string[], root: string): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    console.error(`Unknown command: ${name}\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load())(rest, root);
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (!(error instanceof Error)) {
    console.error(`Error: ${String(error)}`);
    return 1;
  }
  console.error(error.message);
  // A definition or lock file to fix by hand, not a failed stage.
  const fixable = ["PipelineError", "LockFileError"];
  if (error instanceof UsageError || fixable.includes(error.name)) return 2;
  if (error.name === "ReproLockedError") return 3;
  if (Deno.env.get("RISKPIPE_DEBUG")) console.error(error.stack);
  return 1;
}

if (import.meta.main) await runEntry((args) => runCli(args, Deno.cwd()));
