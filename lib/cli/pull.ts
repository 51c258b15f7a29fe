/** `pull [targets…] [--remote NAME] [--jobs N] [--no-checkout]`: fetch the lock's outs. */
import { checkoutOuts, pullCache } from "../pipeline/remote/mod.ts";
import { acquireReproMutex } from "../pipeline/run/mutex.ts";
import { parseArgs } from "./args.ts";
import { count, readTransferRequest } from "./transfer_args.ts";

/** Usage text of the pull command. */
export const PULL_USAGE =
  `Usage: deno task pull [targets…] [--remote NAME] [--jobs N] [--no-checkout]

Fetches the cache objects of the outs pipeline.lock records (of every stage, or of the
stages and out paths named) and the run-cache entries of those stages from a remote, only
what the local cache lacks; each object is checked against its hash as it arrives and bytes
that do not match never enter the cache. Then checks out the outs that are missing from the
work tree (an out that exists with other content is kept and named); \`deno task repro\`
afterwards restores or runs whatever is still stale.
  -r, --remote NAME  the remote (default: the config's default, else the only one;
                     see \`deno task remote list\`)
  -j, --jobs N       transfers in flight at once (default 4)
  --no-checkout      only fill the cache; \`deno task repro\` restores the outs from it
  -h, --help         print this help`;

/** Runs `pull <args…>` in the repo at root; returns the exit code. */
export async function main(args: string[], root: string): Promise<number> {
  const parsed = parseArgs("pull", args, {
    booleans: ["help", "no-checkout"],
    strings: ["remote", "jobs"],
    aliases: { h: "help", r: "remote", j: "jobs" },
  });
  if (parsed.booleans.has("help")) {
    console.log(PULL_USAGE);
    return 0;
  }
  const { store, refs, jobs } = await readTransferRequest(root, parsed);
  // A pull writes the cache and the work tree: not while a repro does.
  await using _mutex = await acquireReproMutex(root, { wait: false });
  const result = await pullCache(root, store, refs, { jobs });
  console.log(
    `Pulled ${count(result.fetched, "object")} from ${store.label} ` +
      `(${result.present} already in the cache), ` +
      `${count(result.runsFetched, "run-cache entry", "run-cache entries")} ` +
      `(${result.runsPresent} already there)`,
  );
  if (parsed.booleans.has("no-checkout")) return 0;
  const checkout = await checkoutOuts(root, refs.outs);
  console.log(
    `Checked out ${count(checkout.restored.length, "out")}; ` +
      `${checkout.upToDate.length} already up to date`,
  );
  for (const path of checkout.kept) {
    console.error(`Kept "${path}": it differs from pipeline.lock (\`deno task repro\` decides)`);
  }
  for (const path of checkout.missing) {
    console.error(`Not checked out: "${path}" is not in the local cache`);
  }
  return checkout.missing.length > 0 ? 1 : 0;
}
