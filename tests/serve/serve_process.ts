/**
 * A real `serve/main.ts` process for tests: started on a free loopback port, its stderr
 * read in the background so a test can wait for a line while it drives load.
 */
import { splitLines } from "../process_lines.ts";

const MAIN = new URL("../../serve/main.ts", import.meta.url).pathname;

/** A running server. */
export interface ServeProcess {
  base: string;
  lines: string[];
  /** Resolves with the first line (seen so far or later) matching `pattern`. */
  waitFor(pattern: RegExp): Promise<string>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number>;
}

/** Runs serve with `args` (and `env`); resolves once it listens. */
export async function startServe(
  args: string[],
  env: Record<string, string> = {},
): Promise<ServeProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "--port", "0", "--host", "127.0.0.1", "--no-access-log", ...args],
    stdout: "null",
    stderr: "piped",
    env: { RISKPIPE_ADMIN_TOKEN: "", ...env },
  }).spawn();
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let ended = false;
  const reading = (async () => {
    for await (const line of splitLines(child.stderr)) {
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.pattern.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
    ended = true;
    for (const w of waiters.splice(0)) w.resolve("");
  })();
  const waitFor = (pattern: RegExp) => {
    const seen = lines.find((line) => pattern.test(line));
    if (seen !== undefined) return Promise.resolve(seen);
    if (ended) return Promise.resolve("");
    return new Promise<string>((resolve) => waiters.push({ pattern, resolve }));
  };
  const listening = await waitFor(/listening on http:\/\/[^:]+:(\d+)/);
  if (listening === "") {
    await reading;
    await child.status;
    throw new Error(`serve exited before listening:\n${lines.join("\n")}`);
  }
  const port = listening.match(/:(\d+)$/)![1];
  return {
    base: `http://127.0.0.1:${port}`,
    lines,
    waitFor,
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch {
        // Already exited.
      }
      await reading;
      return (await child.status).code;
    },
  };
}

/** Runs serve expecting it to fail at start-up; its exit code and stderr. */
export async function failedStart(args: string[]): Promise<{ code: number; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "--port", "0", "--host", "127.0.0.1", "--no-access-log", ...args],
    stdout: "null",
    stderr: "piped",
    env: { RISKPIPE_ADMIN_TOKEN: "" },
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}
