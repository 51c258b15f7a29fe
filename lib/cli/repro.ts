/**
 * `repro [targets…] [--force] [--dry] [--downstream] [--jobs N] [--keep-going] [--wait]
 * [--set-param key=value]…`: brings the pipeline up to date and prints the summary table.
 */
import { loadPipelineCached } from "../pipeline/run/load_cached.ts";
import { repro, type ReproOptions } from "../pipeline/run/repro.ts";
import { renderSummary } from "../pipeline/run/summary.ts";
import { checkParams } from "../stage/check_params.ts";
import { parseArgs, UsageError } from "./args.ts";

/** Usage text of `repro`. */
export const REPRO_USAGE =
  `Usage: deno task repro [targets…] [--force] [--dry] [--downstream] [--jobs N] [--keep-going]
                       [--wait] [--set-param key=value]…

Brings the pipeline up to date: runs stale stages (in parallel up to --jobs), restores
outs from the cache when it can, and prints what ran, what was restored and what was up
to date. Targets are stage names or out paths; with them, only they and their upstream.
  -f, --force          run the planned stages even if they are up to date (default off)
  --dry                say what would run or be restored, change nothing (default off)
  --downstream         the targets and everything downstream of them (default: upstream)
  -j, --jobs N         stages at once (default: the number of cores)
  -k, --keep-going     after a failure, keep running independent branches (default: stop)
  --wait               wait for another running repro instead of failing (default: fail)
  -S, --set-param k=v  override a param for this run, repeatable (recorded in pipeline.lock)
  -h, --help           print this help
Env: RISKPIPE_DEBUG=1 prints the stack trace of an unexpected error (default off)
Exit codes: 0 success, 1 a stage failed, 2 usage or pipeline error, 3 repro lock held,
130/143 interrupted`;

/** Parses `repro` arguments into options. */
export function parseReproArgs(args: string[]): ReproOptions & { help?: boolean } {
  const parsed = parseArgs("repro", args, {
    booleans: ["force", "dry", "downstream", "keep-going", "wait", "help"],
    strings: ["jobs"],
    lists: ["set-param"],
    aliases: { f: "force", j: "jobs", k: "keep-going", S: "set-param", h: "help" },
  });
  const options: ReproOptions & { help?: boolean } = {
    help: parsed.booleans.has("help"),
    targets: parsed.positional,
    force: parsed.booleans.has("force"),
    dry: parsed.booleans.has("dry"),
    downstream: parsed.booleans.has("downstream"),
    keepGoing: parsed.booleans.has("keep-going"),
    wait: parsed.booleans.has("wait"),
    setParams: parsed.lists.get("set-param") ?? [],
  };
  const jobs = parsed.strings.get("jobs");
  if (jobs !== undefined) {
    if (!/^[1-9][0-9]*$/.test(jobs)) {
      throw new UsageError(`Flag --jobs needs a positive integer: got "${jobs}"`);
    }
    options.jobs = Number(jobs);
  }
  if (options.downstream && options.targets!.length === 0 && !options.help) {
    throw new UsageError("Flag --downstream needs at least one target stage");
  }
  return options;
}

/**
 * Runs `repro`; exit code 0 when every stage succeeded, 1 when one failed, 130/143 when
 * interrupted by SIGINT/SIGTERM (running stages are stopped and their outs put back; a
 * second signal exits at once).
 */
export async function main(args: string[], root: string): Promise<number> {
  const { help, ...options } = parseReproArgs(args);
  if (help) {
    console.log(REPRO_USAGE);
    return 0;
  }
  // Every params section against its schema before any stage runs (or --dry plans).
  const spec = await loadPipelineCached(root, options.setParams);
  await checkParams(root, spec.params, options.setParams);
  const controller = new AbortController();
  let exitCode: number | undefined;
  const handlers = (["SIGINT", "SIGTERM"] as const).map((signal) => {
    const handler = () => {
      if (controller.signal.aborted) Deno.exit(exitCode);
      exitCode = signal === "SIGINT" ? 130 : 143;
      console.error(`Interrupted by ${signal}: stopping running stages`);
      controller.abort();
    };
    Deno.addSignalListener(signal, handler);
    return () => Deno.removeSignalListener(signal, handler);
  });
  try {
    const summary = await repro(root, { ...options, spec, signal: controller.signal });
    console.log("");
    console.log(renderSummary(summary.stages));
    if (summary.stages.every((s) => s.result === "up to date" || s.result === "skipped")) {
      console.log("Nothing to run: everything is up to date");
    }
    const failed = summary.stages.filter((s) => s.result === "failed");
    for (const stage of failed) console.error(stage.error ?? `Stage "${stage.stage}" failed`);
    return exitCode ?? (failed.length > 0 ? 1 : 0);
  } finally {
    for (const remove of handlers) remove();
  }
}
