/**
 * Starts a program as the leader of a new session and process group. Deno's `detached`
 * does that with a `setsid()` hook run between fork and exec, and any such hook makes
 * the runtime fork the whole runner process instead of using `posix_spawn`: the copy of
 * its page tables costs ~10 ms a spawn once the runner holds a few hundred MB. util-linux's
 * `setsid` program makes the same call after a cheap spawn (the child is never a group
 * leader, so it calls `setsid()` and execs without forking again: same pid, same group).
 * Where no `setsid` program exists, `detached` is used.
 */

/** Where util-linux installs `setsid`; checked once, on first use. */
const SETSID_PATHS = ["/usr/bin/setsid", "/bin/setsid"];

let setsidPath: string | null | undefined;

function findSetsid(): string | null {
  if (setsidPath === undefined) {
    setsidPath = SETSID_PATHS.find((path) => {
      try {
        return Deno.statSync(path).isFile;
      } catch {
        return false;
      }
    }) ?? null;
  }
  return setsidPath;
}

/** A `Deno.Command` that runs `program args…` as its own session and group leader. */
export function newSessionCommand(
  program: string,
  args: string[],
  options: Omit<Deno.CommandOptions, "args" | "detached">,
): Deno.Command {
  const setsid = findSetsid();
  return setsid === null
    ? new Deno.Command(program, { ...options, args, detached: true })
    : new Deno.Command(setsid, { ...options, args: [program, ...args] });
}
