/**
 * Debian's nats-server for the streaming integration test: `nats-server -js` on a loopback
 * port with its JetStream store in a given dir, killed (SIGKILL, like a crash) and started
 * again on the same port and store. The binary comes from `.ci/nats.sh` (RISKPIPE_NATS_SERVER;
 * else the PATH).
 */
import { splitLines } from "../process_lines.ts";

/** A running nats-server. */
export interface NatsServer {
  url: string;
  /** What it has logged so far. */
  log: string[];
  /** Kills it with SIGKILL and waits for it to exit. */
  kill(): Promise<void>;
}

/** Starts nats-server with JetStream on `port`, storing in `storeDir`; resolves once ready. */
export async function startNatsServer(
  port: number,
  storeDir: string,
  readyTimeoutMs = 10_000,
): Promise<NatsServer> {
  const binary = Deno.env.get("RISKPIPE_NATS_SERVER") ?? "nats-server";
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(binary, {
      args: ["-js", "-a", "127.0.0.1", "-p", String(port), "-sd", storeDir],
      stdout: "null",
      stderr: "piped",
    }).spawn();
  } catch (error) {
    throw new Error(
      `Cannot start nats-server ("${binary}"): ${error} (install it with \`bash .ci/nats.sh\`)`,
    );
  }
  const log: string[] = [];
  const { promise: ready, resolve: isReady } = Promise.withResolvers<void>();
  const reading = (async () => {
    for await (const line of splitLines(child.stderr)) {
      log.push(line);
      if (line.includes("Server is ready")) isReady();
    }
  })();
  const exited = child.status.then(async (status) => {
    await reading;
    return status;
  });
  const kill = async () => {
    try {
      child.kill("SIGKILL");
    } catch {
      // already exited
    }
    await exited;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      ready,
      exited.then((s) => {
        throw new Error(`nats-server exited with ${s.code} before ready:\n${log.join("\n")}`);
      }),
      new Promise((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new Error(`nats-server not ready in ${readyTimeoutMs} ms:\n${log.join("\n")}`)),
          readyTimeoutMs,
        );
      }),
    ]);
  } catch (error) {
    await kill();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return { url: `nats://127.0.0.1:${port}`, log, kill };
}

/** A port free on loopback right now (the OS picks it; nats-server binds it next). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}
