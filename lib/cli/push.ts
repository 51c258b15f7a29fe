/** `push [targets…] [--remote NAME] [--jobs N]`: send the lock's cached outs to a remote. */
import { pushCache } from "../pipeline/remote/mod.ts";
import { parseArgs } from "./args.ts";
import { count, readTransferRequest } from "./transfer_args.ts";

/** Usage text of the push command. */
export const PUSH_USAGE = `Usage: deno task push [targets…] [--remote NAME] [--jobs N]

Sends the cache objects of the outs pipeline.lock records, and the run-cache entries that
restore their stages, to a remote: of every stage, or of the stages and out paths named.
Only what the remote lacks is sent; each object is checked against its hash on the way and
appears on the remote under its name complete or not at all, so an interrupted push resumes.
  -r, --remote NAME  the remote (default: the config's default, else the only one;
                     see \`deno task remote list\`)
  -j, --jobs N       transfers in flight at once (default 4)
  -h, --help         print this help`;

/** Runs `push <args…>` in the repo at root; returns the exit code. */
export async function main(args: string[], root: string): Promise<number> {
  const parsed = parseArgs("push", args, {
    booleans: ["help"],
    strings: ["remote", "jobs"],
    aliases: { h: "help", r: "remote", j: "jobs" },
  });
  if (parsed.booleans.has("help")) {
    console.log(PUSH_USAGE);
    return 0;
  }
  const { store, refs, jobs } = await readTransferRequest(root, parsed);
  const result = await pushCache(root, store, refs, { jobs });
  console.log(
    `Pushed ${count(result.sent, "object")} to ${store.label} (${result.present} already there), ` +
      `${count(result.runsSent, "run-cache entry", "run-cache entries")} ` +
      `(${result.runsPresent} already there)`,
  );
  for (const out of result.notCached) {
    console.error(
      `Not pushed: out "${out.path}" of stage "${out.stage}" is not in the local cache ` +
        "(cache: false, or removed by gc)",
    );
  }
  return 0;
}
