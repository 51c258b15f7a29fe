/**
 * `exp run|queue|show|diff|report|apply|remove|gc`: experiments, DVC's commands. Each subcommand
 * imports what it needs, so `exp queue status` loads only the journal code.
 */
import { parseArgs, UsageError } from "./args.ts";

/** Usage text of `exp`. */
export const EXP_USAGE = `Usage: deno task exp <subcommand> [args…]

  run [-S|--set-param k=v]… [--grid k=v1,v2,…]… [-n|--name N] [--queue]
        run the pipeline with these params in an isolated workspace sharing the cache
        (unchanged stages are restored, not re-run; stages that write the registry are
        left out) and record it; --grid queues the product of its axes (run them with
        queue start); --queue only queues
  queue start [-j|--jobs N]  run every queued experiment, N at once (default: cores)
  queue status [--json]      every experiment in the queue and its status
  queue retry NAME…          queue failed experiments again (the next attempt)
  show [--sort-by COL] [--sort-order asc|desc] [--all] [--json|--csv|--md]
        one row per experiment (the work tree first): the params and metrics that differ
        (--all: every metric)
  diff A B [--all] [--json]  params and metrics that differ between two experiments
  report [NAMES…] [-o|--out FILE]
        the tracking page (default reports/experiments/index.html): the show table,
        metric bars, the ROC and PR curves of NAMES (default: every done experiment)
        overlaid, params against metrics
  apply NAME                 its params into pipeline.yaml (comments kept), its outs
                             and lock entries into the work tree
  remove NAME…               forget experiments (record, log, workspace)
  gc [--records]             remove workspaces and unused snapshots; --records also the
                             records of done and failed experiments
  -h, --help                 print this help

Experiments live in .repro/exp/. The work tree (its files, pipeline.lock, outs) is never
changed, except by apply.
Exit codes: 0 success, 1 an experiment failed, 2 a usage, params or name error,
130 interrupted`;

/** Runs `exp`; returns the exit code. */
export async function main(args: string[], root: string): Promise<number> {
  const [sub, ...rest] = args;
  if (args.includes("--help") || args.includes("-h")) {
    console.log(EXP_USAGE);
    return 0;
  }
  switch (sub) {
    case undefined:
      console.log(EXP_USAGE);
      return 2;
    case "run":
      return await runCommand(rest, root);
    case "queue":
      return await queueCommand(rest, root);
    case "show":
    case "diff":
      return await (await import("./exp_show.ts")).main(sub, rest, root);
    case "report":
      return await (await import("./exp_report.ts")).main(rest, root);
    case "apply":
      return await applyCommand(rest, root);
    case "remove":
      return await removeCommand(rest, root);
    case "gc":
      return await gcCommand(rest, root);
    default:
      throw new UsageError(`Unknown exp subcommand: ${sub}\n\n${EXP_USAGE}`);
  }
}

function parseJobs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(text)) {
    throw new UsageError(`Flag --jobs needs a positive integer: got "${text}"`);
  }
  return Number(text);
}

async function runCommand(args: string[], root: string): Promise<number> {
  const parsed = parseArgs("exp run", args, {
    booleans: ["queue"],
    strings: ["name"],
    lists: ["set-param", "grid"],
    aliases: { S: "set-param", n: "name" },
  });
  if (parsed.positional.length > 0) {
    throw new UsageError(`exp run takes no targets: got ${parsed.positional.join(" ")}`);
  }
  const { queueExperiments } = await import("../pipeline/experiments/queue.ts");
  const { assertValidParams } = await import("../stage/param_schemas.ts");
  const grid = parsed.lists.get("grid") ?? [];
  const names = await queueExperiments(root, {
    setParams: parsed.lists.get("set-param") ?? [],
    grid,
    name: parsed.strings.get("name"),
    validate: (params, keys) => assertValidParams(params, { fromFlag: keys }),
  });
  if (parsed.booleans.has("queue") || grid.length > 0) {
    console.log(
      `Queued ${names.length} experiment${names.length === 1 ? "" : "s"}: ${
        names.length > 10 ? `${names.slice(0, 10).join(", ")}, …` : names.join(", ")
      }`,
    );
    console.log("Run them with: deno task exp queue start");
    return 0;
  }
  return await runNames(root, names, 1, true);
}

async function runNames(
  root: string,
  names: string[] | undefined,
  jobs: number | undefined,
  stream: boolean,
): Promise<number> {
  const { runQueue } = await import("../pipeline/experiments/queue_runner.ts");
  const controller = new AbortController();
  const handlers = (["SIGINT", "SIGTERM"] as const).map((signal) => {
    const handler = () => {
      console.error(`Interrupted by ${signal}: stopping running experiments`);
      controller.abort();
    };
    Deno.addSignalListener(signal, handler);
    return () => Deno.removeSignalListener(signal, handler);
  });
  try {
    const records = await runQueue(root, {
      jobs,
      names,
      signal: controller.signal,
      sink: stream
        ? (kind, line) => (kind === "stdout" ? console.log : console.error)(line)
        : undefined,
      onEvent: (event, name, record) => {
        if (event === "start") console.log(`Running experiment ${name}`);
        else if (record?.status === "done") console.log(`Experiment ${name} done`);
        else console.error(`Experiment ${name} failed: ${record?.error}`);
      },
    });
    if (records.length === 0) console.log("No queued experiment to run");
    return controller.signal.aborted ? 130 : records.some((r) => r.status === "failed") ? 1 : 0;
  } finally {
    for (const remove of handlers) remove();
  }
}

async function queueCommand(args: string[], root: string): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "start") {
    const parsed = parseArgs("exp queue start", rest, {
      strings: ["jobs"],
      aliases: { j: "jobs" },
    });
    return await runNames(root, undefined, parseJobs(parsed.strings.get("jobs")), false);
  }
  if (sub === "status") {
    const parsed = parseArgs("exp queue status", rest, { booleans: ["json"] });
    const { queueStatusText } = await import("./exp_status.ts");
    console.log(await queueStatusText(root, parsed.booleans.has("json")));
    return 0;
  }
  if (sub === "retry") {
    const parsed = parseArgs("exp queue retry", rest, {});
    if (parsed.positional.length === 0) throw new UsageError("exp queue retry needs NAME…");
    const { retryExperiments } = await import("../pipeline/experiments/retry.ts");
    await retryExperiments(root, parsed.positional);
    console.log(`Queued again: ${parsed.positional.join(", ")}`);
    return 0;
  }
  throw new UsageError(
    `Unknown exp queue subcommand: ${sub ?? "(none)"}: expected start, status or retry`,
  );
}

async function applyCommand(args: string[], root: string): Promise<number> {
  const parsed = parseArgs("exp apply", args, {});
  if (parsed.positional.length !== 1) throw new UsageError("exp apply needs one NAME");
  const name = parsed.positional[0];
  const { loadView } = await import("../pipeline/experiments/views.ts");
  const { applyExperiment } = await import("../pipeline/experiments/apply.ts");
  const { ExperimentError } = await import("../pipeline/experiments/errors.ts");
  const { record } = await loadView(root, name);
  if (record === undefined) {
    throw new ExperimentError(`Cannot apply experiment "${name}": it has not run`);
  }
  const result = await applyExperiment(root, record);
  console.log(
    `Applied experiment ${name}: ${result.params.length} params, ${result.restored.length} outs`,
  );
  for (const key of result.params) {
    console.log(`  param ${key} = ${JSON.stringify(record.params[key])}`);
  }
  for (const path of result.missing) {
    console.error(`  out ${path}: not in the cache (run deno task repro to rebuild it)`);
  }
  return 0;
}

async function removeCommand(args: string[], root: string): Promise<number> {
  const parsed = parseArgs("exp remove", args, {});
  if (parsed.positional.length === 0) throw new UsageError("exp remove needs NAME…");
  const { removeExperiments } = await import("../pipeline/experiments/remove.ts");
  await removeExperiments(root, parsed.positional);
  console.log(`Removed: ${parsed.positional.join(", ")}`);
  return 0;
}

async function gcCommand(args: string[], root: string): Promise<number> {
  const parsed = parseArgs("exp gc", args, { booleans: ["records"] });
  const { collectExperimentGarbage } = await import("../pipeline/experiments/remove.ts");
  const result = await collectExperimentGarbage(root, { records: parsed.booleans.has("records") });
  console.log(
    `Removed ${result.workspaces.length} workspaces, ${result.snapshots.length} snapshots, ` +
      `${result.records.length} records`,
  );
  return 0;
}
