/**
 * The riskpipe CLI: `deno run -A lib/cli/main.ts <command> …`. Commands are imported
 * lazily so a no-op `repro` loads only what it needs. Exit codes: 0 success, 1 a stage
 * failed (or an unexpected error), 2 a usage or pipeline definition error, 3 the repro
 * mutex is held by another process.
 */
import { UsageError } from "./args.ts";
import { runEntry } from "./entry.ts";
import { versionLine } from "./version.ts";

/** A command's entry point: arguments after the command name and the repo root. */
type CommandMain = (args: string[], root: string) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandMain> }> = {
  repro: {
    summary: "bring the pipeline up to date (see repro --help)",
    load: async () => (await import("./repro.ts")).main,
  },
  status: {
    summary: "list stale stages and why (see status --help)",
    load: async () => (await import("./status.ts")).main,
  },
  dag: {
    summary: "print the stage graph (--mermaid, --dot; see dag --help)",
    load: async () => (await import("./dag.ts")).main,
  },
  params: {
    summary: "params diff [rev] [--all] [--json]: param changes against a git revision",
    load: async () => (await import("./params.ts")).main,
  },
  metrics: {
    summary: "metrics show|diff [rev]: metric outs, and changes against a git revision",
    load: async () => (await import("./metrics.ts")).main,
  },
  plots: {
    summary: "plots show|diff [revs…]: the declared curves as one HTML page, revisions overlaid",
    load: async () => (await import("./plots.ts")).main,
  },
  gc: {
    summary: "remove cache objects the lock no longer references (see gc --help)",
    load: async () => (await import("./gc.ts")).main,
  },
  push: {
    summary: "send the lock's cache objects to a remote (see push --help)",
    load: async () => (await import("./push.ts")).main,
  },
  pull: {
    summary: "fetch the lock's cache objects from a remote, check out the outs",
    load: async () => (await import("./pull.ts")).main,
  },
  remote: {
    summary: "remote add|list|remove: the remotes push and pull use",
    load: async () => (await import("./remote.ts")).main,
  },
  exp: {
    summary: "experiments: run|queue|show|diff|apply|remove|gc (see exp --help)",
    load: async () => (await import("./exp.ts")).main,
  },
  tune: {
    summary: "hyper-parameter search over tune.space; best params as an experiment",
    load: async () => (await import("./tune.ts")).main,
  },
};

/** Tasks with their own entry file (`deno task <name> --help` describes each). */
export const OTHER_TASKS: Record<string, string> = {
  registry: "the model registry: list, show, promote, rollback, compare versions",
  serve: "the scoring server (HTTP API, /docs, /metrics) on the Production version",
  score: "score a CSV or parquet file with a registered version",
  drift: "compare a window of traffic with the training split; writes reports/drift/",
  feedback: "store outcomes (ground truth) of logged predictions from a CSV",
  performance: "realised performance per version and window; the drift site's performance page",
  monitor: "judge the latest window against monitor.* thresholds; exit 1 on an alert",
  simulate: "send drifted traffic to a running server (loopback only)",
  consume: "write the JetStream events (scored rows, outcomes) into the PostgreSQL log",
};

/** Usage text of the CLI. */
export function usage(): string {
  const names = [...Object.keys(COMMANDS), ...Object.keys(OTHER_TASKS)];
  const width = Math.max(...names.map((name) => name.length));
  const line = (name: string, summary: string) => `  ${name.padEnd(width)}  ${summary}`;
  return [
    "Usage: deno task <command> [args…]   (or deno run -A lib/cli/main.ts <command> …)",
    "       deno task <command> --help     (every flag of a command, with its default)",
    "",
    "Pipeline commands (lib/cli/main.ts):",
    ...Object.entries(COMMANDS).map(([name, c]) => line(name, c.summary)),
    "",
    "Other tasks (deno task <name> --help):",
    ...Object.entries(OTHER_TASKS).map(([name, summary]) => line(name, summary)),
    "",
    "Options:",
    "  -h, --help     print this help",
    "  -V, --version  print the riskpipe version",
    "",
    "Env: RISKPIPE_DEBUG=1 prints the stack trace of an unexpected error (default off)",
    "Exit codes: 0 success, 1 a stage failed, 2 usage or pipeline error, 3 repro lock held",
  ].join("\n");
}

/**
 * Runs one CLI invocation and returns its exit code; errors become messages on stderr.
 * @example
 * ```ts
 * import { runCli } from "./main.ts";
 * const root = await Deno.makeTempDir(); // e.g. Deno.cwd()
 * await Deno.writeTextFile(
 *   `${root}/pipeline.yaml`,
 *   "stages:\n  hello:\n    cmd: echo hi > out.txt\n    outs: [out.txt]\n",
 * );
 * const code = await runCli(["status"], root); // prints the table; `Deno.exit(code)` in main
 * await Deno.remove(root, { recursive: true });
 * if (code !== 0) throw new Error(`exit code ${code}`);
 * ```
 */
export async function runCli(args: string[], root: string): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-V" || name === "version") {
    console.log(versionLine());
    return 0;
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
  const fixable = ["PipelineError", "LockFileError", "RemoteConfigError", "ExperimentError"];
  if (error instanceof UsageError || fixable.includes(error.name)) return 2;
  if (error.name === "ReproLockedError") return 3;
  if (Deno.env.get("RISKPIPE_DEBUG")) console.error(error.stack);
  return 1;
}

if (import.meta.main) await runEntry((args) => runCli(args, Deno.cwd()));
