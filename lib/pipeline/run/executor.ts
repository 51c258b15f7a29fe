/**
 * Runs a stage's commands: each with `sh -c` from the repo root, one after another,
 * stopping at the first failure; stdout and stderr streamed line by line with a
 * `[stage]` prefix (stderr stays on stderr). Injectable: repro takes any `StageRunner`,
 * so tests can run pipelines without processes.
 */
import { newSessionCommand } from "./new_session.ts";

/** What a runner is asked to run. */
export interface StageRunRequest {
  stage: string;
  cmd: string[];
  /** Working directory (the repo root). */
  cwd: string;
  /** Extra environment variables for the commands. */
  env: Record<string, string>;
}

/** How a stage run ended. */
export interface StageRunResult {
  /** Exit code of the failing command, or 0 when every command succeeded. */
  code: number;
  /** The command that failed, if one did. */
  failedCmd?: string;
  /** The failing command's most telling stderr line (an OS error if it printed one). */
  errorLine?: string;
}

/** Runs one stage's commands. */
export type StageRunner = (request: StageRunRequest) => Promise<StageRunResult>;

/** Where prefixed output lines go. */
export type LineSink = (stream: "stdout" | "stderr", line: string) => void;

/** Options of `createShellRunner`. */
export interface ShellRunnerOptions {
  /** Receives each prefixed line (default: written to Deno.stdout / Deno.stderr). */
  sink?: LineSink;
  /** When aborted, every running command (with its whole process group) gets SIGTERM. */
  signal?: AbortSignal;
}

/**
 * The shell each command runs under: it leads the stage's own session and process group,
 * starts the command in it, and watches its stdin, a pipe whose only writer is the runner.
 * The runner never writes to it, so the pipe ends only when the runner goes — whatever
 * killed it, SIGKILL included — and then the watcher stops the whole group (SIGTERM, and
 * SIGKILL 2 s later). `$1` is the command; the exit code is the command's.
 */
export const STAGE_SUPERVISOR = `exec 3<&0
sh -c "$1" </dev/null 3<&- &
stage=$!
{ while read -r _; do :; done; trap '' TERM; kill -TERM 0; sleep 2; kill -KILL 0; } <&3 3<&- >/dev/null 2>&1 &
watcher=$!
exec 3<&-
wait "$stage"
code=$?
kill -KILL "$watcher" 2>/dev/null
exit "$code"`;

/**
 * Returns a runner that executes commands with `sh -c`, each in its own session and
 * process group (`newSessionCommand`) under `STAGE_SUPERVISOR`, so stopping a stage stops
 * everything it started, and a runner that dies takes its stages with it.
 * @example
 * ```ts
 * import { createShellRunner } from "./executor.ts";
 * const lines: string[] = [];
 * const run = createShellRunner({ sink: (_stream, line) => lines.push(line) });
 * const cwd = await Deno.makeTempDir();
 * const { code } = await run({ stage: "split", cmd: ["echo hi"], cwd, env: {} });
 * await Deno.remove(cwd, { recursive: true });
 * if (code !== 0 || !lines[0].includes("hi")) throw new Error(`exit ${code}: ${lines}`);
 * ```
 */
export function createShellRunner(options: ShellRunnerOptions = {}): StageRunner {
  const sink = options.sink ?? writeToConsole;
  const running = new Set<Deno.ChildProcess>();
  options.signal?.addEventListener("abort", () => {
    for (const child of running) stopProcessGroup(child);
  });
  return async function runShell(request: StageRunRequest): Promise<StageRunResult> {
    for (const cmd of request.cmd) {
      if (options.signal?.aborted) return { code: 130, failedCmd: cmd };
      sink("stdout", `[${request.stage}] $ ${cmd}`);
      const child = newSessionCommand("sh", ["-c", STAGE_SUPERVISOR, "riskpipe-stage", cmd], {
        cwd: request.cwd,
        env: request.env,
        stdin: "piped",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      running.add(child);
      const prefix = `[${request.stage}] `;
      const stderrTail: string[] = [];
      const [status] = await Promise.all([
        child.status,
        pipeLines(child.stdout, (line) => sink("stdout", prefix + line)),
        pipeLines(child.stderr, (line) => {
          sink("stderr", prefix + line);
          stderrTail.push(line);
          if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
        }),
      ]).finally(() => {
        running.delete(child);
        // Ends the supervisor's pipe; its watcher is gone already, this only frees the fd.
        child.stdin.close().catch(() => {});
      });
      if (!status.success) {
        const code = status.code === 0 ? 1 : status.code;
        const errorLine = telltaleErrorLine(stderrTail);
        return errorLine === undefined
          ? { code, failedCmd: cmd }
          : { code, failedCmd: cmd, errorLine };
      }
    }
    return { code: 0 };
  };
}

/** How many of a command's last stderr lines are kept to explain its failure. */
const STDERR_TAIL_LINES = 50;

/** An OS error as Deno, Rust, coreutils and libc print it. */
const OS_ERROR =
  /\(os error \d+\)|No space left on device|Read-only file system|Permission denied|Disk quota exceeded|Invalid cross-device link|Too many open files/;

/**
 * The stderr line that best says why a command failed: the last OS error it printed (so
 * ENOSPC, EROFS or EACCES reach the summary), else its last line that is not a stack frame.
 * @example
 * ```ts
 * import { telltaleErrorLine } from "./executor.ts";
 * const line = telltaleErrorLine([
 *   "error: Uncaught (in promise) Error: No space left on device (os error 28)",
 *   "    at f (x.ts:1:1)",
 * ]);
 * if (!line?.includes("No space left")) throw new Error(`got ${line}`);
 * ```
 */
export function telltaleErrorLine(lines: readonly string[]): string | undefined {
  const meaningful = lines.map((line) => line.trim()).filter((line) =>
    line !== "" && !/^at /.test(line)
  );
  return meaningful.findLast((line) => OS_ERROR.test(line)) ?? meaningful.at(-1);
}

function stopProcessGroup(child: Deno.ChildProcess): void {
  try {
    // The child leads its own group: a negative pid signals all of it.
    Deno.kill(-child.pid, "SIGTERM");
  } catch {
    // No such group: gone already, or `setsid` has not made it yet, in which case the
    // child itself has started nothing and stops on its own pid.
    try {
      Deno.kill(child.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
}

/** Splits a byte stream into lines (the last one even without a newline). */
export async function pipeLines(
  stream: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
): Promise<void> {
  let pending = "";
  for await (const text of stream.pipeThrough(new TextDecoderStream())) {
    pending += text;
    let newline = pending.indexOf("\n");
    while (newline >= 0) {
      onLine(pending.slice(0, newline).replace(/\r$/, ""));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf("\n");
    }
  }
  if (pending.length > 0) onLine(pending);
}

const encoder = new TextEncoder();

function writeToConsole(stream: "stdout" | "stderr", line: string): void {
  const target = stream === "stdout" ? Deno.stdout : Deno.stderr;
  const bytes = encoder.encode(line + "\n");
  let written = 0;
  while (written < bytes.length) written += target.writeSync(bytes.subarray(written));
}
