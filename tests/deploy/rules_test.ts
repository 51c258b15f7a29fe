import assert from "node:assert/strict";
import { parse } from "yaml";
import { metricNames } from "./promql_names.ts";
import { PENDING_METRICS, PROMETHEUS_SERIES, serverExposition } from "./metric_names.ts";

interface Rule {
  record?: string;
  alert?: string;
  expr: string;
}
interface RuleFile {
  groups: { name: string; rules: Rule[] }[];
}
interface RuleTests {
  tests: { alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[];
}

const RULES = "deploy/prometheus/rules.yml";
const RULE_TESTS = "deploy/prometheus/rules_test.yml";
const rules = (parse(await Deno.readTextFile(RULES)) as RuleFile).groups.flatMap((g) => g.rules);
const recorded = new Set(rules.flatMap((r) => r.record ? [r.record] : []));

Deno.test("every rule reads only exported, recorded, Prometheus or listed pending series", async () => {
  const { names: exported } = await serverExposition();
  const unknown: string[] = [];
  for (const rule of rules) {
    for (const name of metricNames(rule.expr)) {
      const known = exported.has(name) || recorded.has(name) || PROMETHEUS_SERIES.has(name) ||
        PENDING_METRICS.has(name);
      if (!known) unknown.push(`${rule.alert ?? rule.record}: ${name}`);
    }
  }
  assert.deepEqual(unknown, [], `${RULES} reads series the server does not export`);
});

Deno.test("the pending series are not exported yet, and the rules use each of them", async () => {
  const { names: exported } = await serverExposition();
  const read = new Set(rules.flatMap((r) => [...metricNames(r.expr)]));
  for (const [name, owner] of PENDING_METRICS) {
    assert.ok(
      !exported.has(name),
      `${name} is exported now (${owner}): move it out of PENDING_METRICS in tests/deploy/metric_names.ts and the README's pending list`,
    );
    assert.ok(read.has(name), `${name} is listed as pending but no rule reads it`);
  }
});

Deno.test("every alert is unit-tested both firing and silent in rules_test.yml", async () => {
  const tests = (parse(await Deno.readTextFile(RULE_TESTS)) as RuleTests).tests
    .flatMap((t) => t.alert_rule_test ?? []);
  const missing: string[] = [];
  for (const alert of rules.flatMap((r) => r.alert ? [r.alert] : [])) {
    const cases = tests.filter((t) => t.alertname === alert);
    if (!cases.some((t) => t.exp_alerts.length > 0)) missing.push(`${alert}: never fires`);
    if (!cases.some((t) => t.exp_alerts.length === 0)) missing.push(`${alert}: never silent`);
  }
  assert.deepEqual(missing, [], `${RULE_TESTS} leaves alerts untested`);
});
