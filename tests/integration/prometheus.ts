/**
 * Debian's Prometheus and promtool for the integration tests: a Prometheus on loopback
 * with its storage in a temp dir, scraping given targets every second and loading given
 * rule files, queried through its HTTP API. The binaries come from `.ci/prometheus.sh`
 * (RISKPIPE_PROMETHEUS, RISKPIPE_PROMTOOL, RISKPIPE_AMTOOL; else the PATH).
 */
import { join } from "node:path";
import { stringify } from "yaml";
import { splitLines } from "../process_lines.ts";

/** A path under the repository root. */
export const repoPath = (path: string): string =>
  new URL(`../../${path}`, import.meta.url).pathname;

/** What a Debian tool printed and how it exited. */
export interface ToolRun {
  code: number;
  output: string;
}

/** Runs promtool or amtool (by name) with `args`, feeding `stdin` when given. */
export async function runTool(
  tool: "promtool" | "amtool",
  args: string[],
  stdin?: string,
): Promise<ToolRun> {
  const binary = Deno.env.get(`RISKPIPE_${tool.toUpperCase()}`) ?? tool;
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(binary, {
      args,
      stdin: stdin === undefined ? "null" : "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
  } catch (error) {
    throw new Error(
      `Cannot run ${tool} ("${binary}"): ${error} (install it with \`bash .ci/prometheus.sh\`)`,
    );
  }
  if (stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(stdin));
    await writer.close();
  }
  const out = await child.output();
  const text = new TextDecoder();
  return { code: out.code, output: text.decode(out.stdout) + text.decode(out.stderr) };
}

/** A running Prometheus. */
export interface Prometheus {
  base: string;
  /** GET an API path (`/api/v1/…`) and return its `data`, failing on a non-success answer. */
  api<T>(path: string, params?: Record<string, string>): Promise<T>;
  /** What it has logged so far. */
  log: string[];
  /** Stops it (SIGTERM) and removes its temp dir. */
  stop(): Promise<void>;
}

/** Options of {@link startPrometheus}. */
export interface PrometheusOptions {
  /** host:port of the job "riskpipe"'s targets. */
  targets: string[];
  /** Absolute paths of rule files. */
  ruleFiles: string[];
  /** Give up waiting for readiness after this long (default 20 s). */
  readyTimeoutMs?: number;
}

/** Starts Prometheus on a free loopback port and resolves once it is ready. */
export async function startPrometheus(options: PrometheusOptions): Promise<Prometheus> {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-prometheus-" });
  const config = join(dir, "prometheus.yml");
  await Deno.writeTextFile(
    config,
    stringify({
      global: { scrape_interval: "1s", evaluation_interval: "1s", scrape_timeout: "1s" },
      rule_files: options.ruleFiles,
      scrape_configs: [{ job_name: "riskpipe", static_configs: [{ targets: options.targets }] }],
    }),
  );
  const port = freePort();
  const binary = Deno.env.get("RISKPIPE_PROMETHEUS") ?? "prometheus";
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(binary, {
      args: [
        `--config.file=${config}`,
        `--storage.tsdb.path=${join(dir, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
        "--storage.tsdb.retention.time=1h",
      ],
      stdout: "null",
      stderr: "piped",
    }).spawn();
  } catch (error) {
    await Deno.remove(dir, { recursive: true });
    throw new Error(
      `Cannot start prometheus ("${binary}"): ${error} (install it with \`bash .ci/prometheus.sh\`)`,
    );
  }
  const log: string[] = [];
  const { promise: ready, resolve: isReady } = Promise.withResolvers<void>();
  const reading = (async () => {
    for await (const line of splitLines(child.stderr)) {
      log.push(line);
      if (line.includes("Server is ready to receive web requests")) isReady();
    }
  })();
  const exited = child.status.then(async (status) => {
    await reading;
    return status;
  });
  const stop = async () => {
    try {
      child.kill("SIGTERM");
    } catch {
      // already exited
    }
    await exited;
    await Deno.remove(dir, { recursive: true });
  };
  const timeoutMs = options.readyTimeoutMs ?? 20_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      ready,
      exited.then((s) => {
        throw new Error(`Prometheus exited with ${s.code} before ready:\n${log.join("\n")}`);
      }),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Prometheus not ready in ${timeoutMs} ms:\n${log.join("\n")}`)),
          timeoutMs,
        );
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    log,
    stop,
    async api<T>(path: string, params: Record<string, string> = {}): Promise<T> {
      const res = await fetch(`${base}${path}?${new URLSearchParams(params)}`);
      const body = await res.json();
      if (res.status !== 200 || body.status !== "success") {
        throw new Error(`Prometheus ${path} answered ${res.status}: ${JSON.stringify(body)}`);
      }
      return body.data as T;
    },
  };
}

/** A port free on loopback right now (the OS picks it; Prometheus binds it next). */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}
