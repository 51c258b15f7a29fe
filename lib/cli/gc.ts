/**
 * `gc [--revs N] [--dry] [--wait]`: remove cache objects the current lock (and, with
 * --revs, the last N commits' locks) no longer references.
 */
import { collectGarbage } from "../pipeline/store/gc.ts";
import { acquireReproMutex } from "../pipeline/run/mutex.ts";
import { parseArgs, UsageError } from "./args.ts";

/** Usage text of the gc command. */
export const GC_USAGE = `Usage: deno task gc [--revs N] [--dry] [--wait]

Removes objects from the cache (.repro/cache) that pipeline.lock no longer references,
and the run-cache entries that needed them.
  -n, --revs N  also keep what pipeline.lock referenced in each of the last N git commits
                (default 0: the work tree's lock only)
  --dry         only report what would be removed
  --wait        wait for a running repro to finish instead of failing (default: fail)
  -h, --help    print this help`;

/** Runs `gc <args…>` in the repo at root; returns the exit code. */
export async function main(args: string[], root: string): Promise<number> {
  const parsed = parseArgs("gc", args, {
    booleans: ["dry", "wait", "help"],
    strings: ["revs"],
    aliases: { h: "help", n: "revs" },
  });
  if (parsed.booleans.has("help")) {
    console.log(GC_USAGE);
    return 0;
  }
  if (parsed.positional.length > 0) {
    throw new UsageError(`gc takes no arguments: ${parsed.positional.join(" ")}`);
  }
  const revsText = parsed.strings.get("revs");
  const revs = revsText === undefined ? undefined : Number(revsText);
  if (revs !== undefined && !(Number.isInteger(revs) && revs >= 0)) {
    throw new UsageError(`Flag --revs needs a whole number of revisions: ${revsText}`);
  }
  const dry = parsed.booleans.has("dry");
  // A repro commits objects before it writes the lock; never collect under its feet.
  await using _mutex = await acquireReproMutex(root, { wait: parsed.booleans.has("wait") });
  const result = await collectGarbage(root, { revs, dry });
  const verb = dry ? "Would remove" : "Removed";
  console.log(
    `${verb} ${plural(result.removed, "cache object")} (${formatBytes(result.freedBytes)}), ` +
      `kept ${result.kept}; ${dry ? "would prune" : "pruned"} ` +
      `${plural(result.prunedRuns, "run-cache entry", "run-cache entries")}`,
  );
  return 0;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Human-readable size in binary units, e.g. "1.5 MiB". */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}
