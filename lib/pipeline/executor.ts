/**
 * Runs a stage's commands: each with `sh -c` from the repo root, one after another,
 * stopping at the first failure; stdout and stderr streamed line by line with a
 * `[stage]` prefix (stderr stays on stderr). Injectable: repro takes any `StageRunner`,
 * so tests can run pipelines without processes.
 */

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
 * Returns a runner that executes commands with `sh -c`, each in its own session and
 * process group (`detached`), so stopping a stage stops everything it started.
 * @example
 * const run = createShellRunner();
 * const { code } = await run({ stage: "split", cmd: ["cp a b"], cwd: root, env: {} });
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
      const child = new Deno.Command("sh", {
        args: ["-c", cmd],
        detached: true,
        cwd: request.cwd,
        env: request.env,
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      running.add(child);
      const prefix = `[${request.stage}] `;
      const [status] = await Promise.all([
        child.status,
        pipeLines(child.stdout, (line) => sink("stdout", prefix + line)),
        pipeLines(child.stderr, (line) => sink("stderr", prefix + line)),
      ]).finally(() => running.delete(child));
      if (!status.success) {
        return { code: status.code === 0 ? 1 : status.code, failedCmd: cmd };
      }
    }
    return { code: 0 };
  };
}

function stopProcessGroup(child: Deno.ChildProcess): void {
  try {
    // The detached child leads its own group: a negative pid signals all of it.
    Deno.kill(-child.pid, "SIGTERM");
  } catch {
    // Already gone.
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
