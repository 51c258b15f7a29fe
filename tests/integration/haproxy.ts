/**
 * Debian's haproxy for the replicas integration test: runs the repo's
 * deploy/haproxy/riskpipe.cfg in the foreground, bound to a loopback port, in front of
 * three replica addresses. The binary comes from `.ci/haproxy.sh` (RISKPIPE_HAPROXY; else
 * the PATH).
 */
import { splitLines } from "../process_lines.ts";

/** The repo's haproxy config. */
export const HAPROXY_CONFIG = new URL("../../deploy/haproxy/riskpipe.cfg", import.meta.url)
  .pathname;

/** A running haproxy. */
export interface Haproxy {
  base: string;
  /** What it has logged so far. */
  log: string[];
  /** SIGTERM, and waits for it to exit. */
  stop(): Promise<void>;
}

/** The environment the config reads its addresses from. */
export function haproxyEnv(bind: string, replicas: readonly string[]): Record<string, string> {
  if (replicas.length !== 3) {
    throw new Error(`deploy/haproxy/riskpipe.cfg names 3 replicas, got ${replicas.length}`);
  }
  return {
    RISKPIPE_HAPROXY_BIND: bind,
    RISKPIPE_REPLICA_1: replicas[0],
    RISKPIPE_REPLICA_2: replicas[1],
    RISKPIPE_REPLICA_3: replicas[2],
  };
}

/**
 * Starts haproxy on 127.0.0.1:`port` before `replicas` (host:port each); resolves once
 * `/v2/health/ready` answers 200 through it (at most `readyTimeoutMs`).
 */
export async function startHaproxy(
  port: number,
  replicas: readonly string[],
  readyTimeoutMs = 10_000,
): Promise<Haproxy> {
  const binary = Deno.env.get("RISKPIPE_HAPROXY") ?? "haproxy";
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(binary, {
      args: ["-db", "-f", HAPROXY_CONFIG],
      env: haproxyEnv(`127.0.0.1:${port}`, replicas),
      stdout: "piped",
      stderr: "piped",
    }).spawn();
  } catch (error) {
    throw new Error(
      `Cannot start haproxy ("${binary}"): ${error} (install it with \`bash .ci/haproxy.sh\`)`,
    );
  }
  const log: string[] = [];
  const reading = Promise.all([child.stdout, child.stderr].map(async (stream) => {
    for await (const line of splitLines(stream)) log.push(line);
  }));
  let exited = false;
  const status = child.status.then(async (s) => {
    exited = true;
    await reading;
    return s;
  });
  const stop = async () => {
    try {
      child.kill("SIGTERM");
    } catch {
      // already exited
    }
    await status;
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (let attempt = 0; attempt < 200; attempt++) {
    if (exited) break;
    try {
      const res = await fetch(`${base}/v2/health/ready`);
      await res.body?.cancel();
      if (res.status === 200) return { base, log, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`haproxy not ready on ${base} in ${readyTimeoutMs} ms:\n${log.join("\n")}`);
}
