/** Process probes for the fault tests: pid files stages write, and waiting for processes to end. */

/** Polls at this interval; every wait below is bounded by a deadline, never open-ended. */
const POLL_MS = 20;

/** Reads a pid a process wrote to `path`, waiting up to `timeoutMs` for it to appear. */
export async function waitForPidFile(path: string, timeoutMs = 20_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const text = await Deno.readTextFile(path).catch(() => "");
    if (/^\d+\n$/.test(text)) return Number(text.trim());
    await delay(POLL_MS);
  }
  throw new Error(`Cannot read pid file "${path}": not written within ${timeoutMs} ms`);
}

/**
 * True while the process exists and is not a zombie (a killed orphan stays a zombie where
 * PID 1 does not reap, as in some containers; it runs no code and holds no files).
 */
export function isRunning(pid: number): boolean {
  let stat: string;
  try {
    stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  } catch {
    return false;
  }
  // Field 3, after the parenthesised command name (which may itself hold spaces or parens).
  const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  return state !== "Z" && state !== "X";
}

/** The pids still running after waiting up to `timeoutMs` for all of them to end. */
export async function survivorsAfter(pids: number[], timeoutMs = 10_000): Promise<number[]> {
  const deadline = performance.now() + timeoutMs;
  let alive = pids.filter(isRunning);
  while (alive.length > 0 && performance.now() < deadline) {
    await delay(POLL_MS);
    alive = alive.filter(isRunning);
  }
  return alive;
}

/** Kills leftover processes so a failed assertion does not leak them into later tests. */
export function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      Deno.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
