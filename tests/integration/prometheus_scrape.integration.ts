/**
 * A real Prometheus (Debian) scrapes a started riskpipe server: `serve/main.ts` runs as
 * its own process over the serving fixture's registry, with a drift report in its drift
 * directory; Prometheus scrapes it every second with deploy/prometheus/rules.yml loaded.
 * A bounded number of /predict requests later, the p95 latency comes back finite and
 * positive through Prometheus's HTTP API, every rule loaded and evaluates without error,
 * and the drifted feature's alert is pending. Needs prometheus and promtool
 * (`.ci/prometheus.sh`).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { parse } from "yaml";
import { repoPath, runTool, startPrometheus } from "./prometheus.ts";
import { driftReport } from "../serve/drift_report.ts";
import { servingFixture } from "../scoring/serving_fixture.ts";
import { splitLines } from "../process_lines.ts";

/** Bounds of the whole wait for Prometheus, whatever it does. */
const MAX_REQUESTS = 3_000;
const MAX_WAIT_MS = 20_000;
const REQUESTS_PER_ROUND = 20;
/** Pause between rounds: a fraction of the 1 s scrape interval. */
const ROUND_PAUSE_MS = 250;

const P95 =
  'histogram_quantile(0.95, sum by (le) (rate(riskpipe_http_request_duration_seconds_bucket{route="/predict"}[15s])))';

interface Server {
  base: string;
  stop(): Promise<number>;
}

async function startServer(registry: string, dir: string): Promise<Server> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      repoPath("serve/main.ts"),
      "--port",
      "0",
      "--host",
      "127.0.0.1",
      "--registry",
      registry,
      "--drift-dir",
      join(dir, "drift"),
      "--log-db",
      join(dir, "log.db"),
      "--no-watch",
      "--no-access-log",
    ],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const stderr: string[] = [];
  const { promise: listening, resolve } = Promise.withResolvers<string>();
  const reading = (async () => {
    for await (const line of splitLines(child.stderr)) {
      stderr.push(line);
      const match = line.match(/listening on (http:\/\/\S+)/);
      if (match) resolve(match[1]);
    }
  })();
  const exited = child.status.then(async (status) => {
    await reading;
    return status.code;
  });
  const base = await Promise.race([
    listening,
    exited.then((code) => {
      throw new Error(`Server exited with ${code} before listening:\n${stderr.join("\n")}`);
    }),
  ]);
  return {
    base,
    stop: async () => {
      child.kill("SIGTERM");
      return await exited;
    },
  };
}

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}
interface RuleGroup {
  name: string;
  rules: { name: string; health: string; lastError?: string; type: string }[];
}

Deno.test("Prometheus scrapes the server, computes its p95 latency and loads every rule", async () => {
  const fixture = await servingFixture();
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-prometheus-scrape-" });
  await Deno.mkdir(join(dir, "drift"));
  await Deno.writeTextFile(
    join(dir, "drift", "report.json"),
    JSON.stringify(driftReport(new Date().toISOString())),
  );
  const server = await startServer(fixture.registry, dir);
  let prometheus: Awaited<ReturnType<typeof startPrometheus>> | undefined;
  try {
    const exposition = await (await fetch(`${server.base}/metrics`)).text();
    const lint = await runTool("promtool", ["check", "metrics"], exposition);
    assert.equal(lint.code, 0, `promtool check metrics on the served /metrics:\n${lint.output}`);

    prometheus = await startPrometheus({
      targets: [new URL(server.base).host],
      ruleFiles: [repoPath("deploy/prometheus/rules.yml")],
    });
    const started = Date.now();
    let requests = 0;
    let p95 = NaN;
    let recorded: Sample[] = [];
    let groups: RuleGroup[] = [];
    let pendingDrift: Record<string, string>[] = [];
    const done = () =>
      Number.isFinite(p95) && p95 > 0 && recorded.length > 0 && pendingDrift.length > 0 &&
      groups.flatMap((g) => g.rules).every((r) => r.health === "ok");
    while (!done() && requests < MAX_REQUESTS && Date.now() - started < MAX_WAIT_MS) {
      // Traffic keeps flowing across scrapes, so rate() sees the counters grow.
      await Promise.all(
        Array.from({ length: REQUESTS_PER_ROUND }, async (_, k) => {
          const row = fixture.testRows[(requests + k) % fixture.testRows.length];
          const res = await fetch(`${server.base}/predict`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(row),
          });
          assert.equal(res.status, 200, await res.text());
        }),
      );
      requests += REQUESTS_PER_ROUND;
      const [quantile] = (await prometheus.api<{ result: Sample[] }>("/api/v1/query", {
        query: P95,
      })).result;
      p95 = quantile === undefined ? NaN : Number(quantile.value[1]);
      recorded = (await prometheus.api<{ result: Sample[] }>("/api/v1/query", {
        query: 'riskpipe:http_request_duration_seconds:p95_5m{route="/predict"}',
      })).result;
      groups = (await prometheus.api<{ groups: RuleGroup[] }>("/api/v1/rules")).groups;
      pendingDrift = (await prometheus.api<{ alerts: { labels: Record<string, string> }[] }>(
        "/api/v1/alerts",
      )).alerts.map((a) => a.labels).filter((l) => l.alertname === "RiskpipeFeatureDrift");
      if (!done()) await new Promise((r) => setTimeout(r, ROUND_PAUSE_MS));
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `prometheus scrape: ${requests} requests, p95 ${p95} s, ${seconds.toFixed(1)} s to converge`,
    );
    assert.ok(Number.isFinite(p95) && p95 > 0, `p95 is ${p95} after ${requests} requests`);
    assert.ok(p95 <= 2.5, `p95 ${p95} s is past the top finite bucket`);
    assert.equal(recorded.length, 1, "the p95 recording rule gave no /predict series");

    const rulesFile = parse(await Deno.readTextFile(repoPath("deploy/prometheus/rules.yml"))) as {
      groups: { rules: { record?: string; alert?: string }[] }[];
    };
    const declared = rulesFile.groups.flatMap((g) => g.rules.map((r) => r.record ?? r.alert!));
    const loaded = groups.flatMap((g) => g.rules);
    assert.deepEqual(groups.map((g) => g.name).sort(), ["riskpipe-alerts", "riskpipe-recording"]);
    assert.deepEqual(loaded.map((r) => r.name).sort(), declared.sort());
    assert.deepEqual(
      loaded.filter((r) => r.health !== "ok" || r.lastError).map((r) =>
        `${r.name}: ${r.lastError}`
      ),
      [],
    );
    assert.deepEqual(pendingDrift.map((l) => l.feature), ["a"], "feature a drifted");

    const targets = await prometheus.api<{ activeTargets: { health: string }[] }>(
      "/api/v1/targets",
    );
    assert.deepEqual(targets.activeTargets.map((t) => t.health), ["up"]);
  } finally {
    await prometheus?.stop();
    const code = await server.stop();
    await Deno.remove(dir, { recursive: true });
    await fixture.dispose();
    assert.equal(code, 0, "the server did not stop cleanly");
  }
});
