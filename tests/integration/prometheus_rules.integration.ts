/**
 * deploy/prometheus checked with Debian's own validators: `promtool check rules`,
 * `promtool test rules` (every alert firing and silent), `promtool check config` and
 * `amtool check-config` on the examples, and `promtool check metrics` on the /metrics
 * exposition of a started app (createApp over the serving fixture, with a drift report).
 * Needs promtool and amtool (`.ci/prometheus.sh`).
 */
import assert from "node:assert/strict";
import { repoPath, runTool } from "./prometheus.ts";
import { serverExposition } from "../deploy/metric_names.ts";

const ok = (run: { code: number; output: string }, what: string) =>
  assert.equal(run.code, 0, `${what} failed:\n${run.output}`);

Deno.test("promtool accepts the rules and their unit tests pass", async () => {
  const check = await runTool("promtool", [
    "check",
    "rules",
    repoPath("deploy/prometheus/rules.yml"),
  ]);
  ok(check, "promtool check rules");
  assert.match(check.output, /SUCCESS: \d+ rules found/);
  const tests = await runTool("promtool", [
    "test",
    "rules",
    repoPath("deploy/prometheus/rules_test.yml"),
  ]);
  ok(tests, "promtool test rules");
  assert.match(tests.output, /SUCCESS/);
});

Deno.test("promtool and amtool accept the example Prometheus and Alertmanager configs", async () => {
  ok(
    await runTool("promtool", ["check", "config", repoPath("deploy/prometheus/prometheus.yml")]),
    "promtool check config",
  );
  ok(
    await runTool("amtool", ["check-config", repoPath("deploy/prometheus/alertmanager.yml")]),
    "amtool check-config",
  );
});

Deno.test("promtool check metrics finds no problem in the server's /metrics", async () => {
  const { text } = await serverExposition();
  assert.match(text, /riskpipe_drift_feature_psi\{feature="a"\}/, "the drift gauges are in it");
  const run = await runTool("promtool", ["check", "metrics"], text);
  assert.equal(run.output.trim(), "", `promtool check metrics reported:\n${run.output}`);
  ok(run, "promtool check metrics");
});

Deno.test("promtool check metrics does report a badly named counter (the check can fail)", async () => {
  const run = await runTool(
    "promtool",
    ["check", "metrics"],
    "# HELP riskpipe_requests Requests\n# TYPE riskpipe_requests counter\nriskpipe_requests 1\n",
  );
  assert.notEqual(run.code, 0);
  assert.match(run.output, /counter metrics should have "_total" suffix/);
});
