/** `status [targets…] [--json] [--set-param key=value]…`: each stale stage and why. */
import { loadPipelineCached } from "../pipeline/run/load_cached.ts";
import { pipelineStatus, renderStatus } from "../pipeline/status.ts";
import { checkParams } from "../stage/check_params.ts";
import { parseArgs } from "./args.ts";

/** Usage text of `status`. */
export const STATUS_USAGE = `Usage: deno task status [targets…] [--json] [--set-param key=value]…

Lists each stale stage and why (dep modified, param changed, cmd changed, out missing,
never run), or says everything is up to date.
  --json               print the status of every stage as JSON
  -S, --set-param k=v  what a repro with this override would run (repeatable)
  -h, --help           print this help`;

/** Runs `status`; exit code 0 whether or not stages are stale. */
export async function main(args: string[], root: string): Promise<number> {
  const parsed = parseArgs("status", args, {
    booleans: ["json", "help"],
    lists: ["set-param"],
    aliases: { S: "set-param", h: "help" },
  });
  if (parsed.booleans.has("help")) {
    console.log(STATUS_USAGE);
    return 0;
  }
  const setParams = parsed.lists.get("set-param") ?? [];
  const spec = await loadPipelineCached(root, setParams);
  await checkParams(root, spec.params, setParams);
  const statuses = await pipelineStatus(root, { targets: parsed.positional, setParams, spec });
  console.log(
    parsed.booleans.has("json") ? JSON.stringify(statuses, null, 2) : renderStatus(statuses),
  );
  return 0;
}
