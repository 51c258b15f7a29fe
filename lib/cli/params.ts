/**
 * `params diff [rev] [--all] [--json]`: params of the work tree (pipeline.yaml, and the
 * values pipeline.lock recorded) against those of a git revision (default HEAD).
 */
import { join } from "node:path";
import { formatValue } from "../pipeline/spec/flatten.ts";
import { LOCK_FILE } from "../pipeline/store/lock.ts";
import { diffParams, type ParamChange, readParamsSnapshot } from "../pipeline/params_diff.ts";
import { openRevision } from "../pipeline/revision.ts";
import { parseArgs, UsageError } from "./args.ts";
import { renderTable } from "./table.ts";

/** Usage text of the params command. */
export const PARAMS_USAGE = `Usage: deno task params diff [rev] [--all] [--json]

Compares the params of pipeline.yaml in the work tree with those of git revision rev
(default HEAD). Where pipeline.lock recorded a different value (a repro --set-param
experiment, or an edit not yet reproduced), it is shown as "(lock: value)".

  --all       list every param, not only the changed ones
  --json      print {"rev", "commit", "params": [{key, old, new, oldLock?, newLock?}]}
  -h, --help  print this help`;

async function readTextIfPresent(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

function cell(value: unknown, present: boolean, lock: unknown, hasLock: boolean): string {
  const shown = present ? formatValue(value) : "—";
  return hasLock ? `${shown} (lock: ${formatValue(lock)})` : shown;
}

/** Renders param changes as a table with the revision's name over the old column. */
export function renderParamsTable(changes: ParamChange[], rev: string): string {
  return renderTable(
    ["param", rev, "workspace"],
    changes.map((change) => [
      change.key,
      cell(change.old, "old" in change, change.oldLock, "oldLock" in change),
      cell(change.new, "new" in change, change.newLock, "newLock" in change),
    ]),
  );
}

/** Runs `params <args…>` in the repo at root; returns the exit code. */
export async function main(args: string[], root: string): Promise<number> {
  const parsed = parseArgs("params", args, {
    booleans: ["all", "json", "help"],
    aliases: { h: "help" },
  });
  if (parsed.booleans.has("help")) {
    console.log(PARAMS_USAGE);
    return 0;
  }
  const [subcommand, rev = "HEAD", ...extra] = parsed.positional;
  if (subcommand !== "diff") {
    throw new UsageError(
      subcommand === undefined
        ? `Missing subcommand for params\n\n${PARAMS_USAGE}`
        : `Unknown subcommand for params: ${subcommand}\n\n${PARAMS_USAGE}`,
    );
  }
  if (extra.length > 0) {
    throw new UsageError(`Too many arguments for params diff: ${extra.join(" ")}`);
  }
  const revision = await openRevision(root, rev);
  const old = readParamsSnapshot(
    await revision.readText("pipeline.yaml"),
    await revision.readText(LOCK_FILE),
    rev,
  );
  const current = readParamsSnapshot(
    await readTextIfPresent(join(root, "pipeline.yaml")),
    await readTextIfPresent(join(root, LOCK_FILE)),
    "the work tree",
  );
  const changes = diffParams(old, current, { all: parsed.booleans.has("all") });
  if (parsed.booleans.has("json")) {
    console.log(JSON.stringify({ rev, commit: revision.commit, params: changes }, null, 2));
  } else if (changes.length === 0) {
    console.log(`No param changes against ${rev}`);
  } else {
    console.log(renderParamsTable(changes, rev));
  }
  return 0;
}
