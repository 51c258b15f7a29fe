import assert from "node:assert/strict";
import { parse } from "yaml";
import { metricNames } from "./promql_names.ts";
import { PENDING_METRICS, PROMETHEUS_SERIES, serverExposition } from "./metric_names.ts";

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: { expr: string; datasource?: { uid: string } }[];
  panels?: Panel[];
}
interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: { name: string; query: { query: string }; datasource: { uid: string } }[] };
}

const DASHBOARD = "deploy/grafana/riskpipe.json";
const dashboard = JSON.parse(await Deno.readTextFile(DASHBOARD)) as Dashboard;
const panels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
const queryPanels = panels.filter((p) => p.type !== "row");
const datasources = parse(
  await Deno.readTextFile("deploy/grafana/provisioning/datasources/riskpipe.yml"),
) as { datasources: { uid: string; type: string }[] };

/** Every PromQL the dashboard runs: panel targets and the template variables' label_values. */
function queries(): { where: string; expr: string }[] {
  const out = queryPanels.flatMap((p) =>
    (p.targets ?? []).map((t) => ({ where: `panel "${p.title}"`, expr: t.expr }))
  );
  for (const variable of dashboard.templating.list) {
    const match = variable.query.query.match(/^label_values\((.+),\s*\w+\)$/);
    assert.ok(match, `variable ${variable.name}: expected label_values(series, label)`);
    out.push({ where: `variable ${variable.name}`, expr: match[1] });
  }
  return out;
}

Deno.test("every dashboard query names only series the server exports (or listed pending)", async () => {
  const { names: exported } = await serverExposition();
  const unknown: string[] = [];
  for (const { where, expr } of queries()) {
    const names = metricNames(expr);
    if (names.size === 0) unknown.push(`${where}: no metric in ${expr}`);
    for (const name of names) {
      if (!exported.has(name) && !PROMETHEUS_SERIES.has(name) && !PENDING_METRICS.has(name)) {
        unknown.push(`${where}: ${name}`);
      }
    }
  }
  assert.deepEqual(unknown, [], `${DASHBOARD} queries series the server does not export`);
});

Deno.test("the dashboard covers every series the alert rules read", async () => {
  const rules = parse(await Deno.readTextFile("deploy/prometheus/rules.yml")) as {
    groups: { rules: { record?: string; expr: string }[] }[];
  };
  const recorded = new Set(rules.groups.flatMap((g) => g.rules.flatMap((r) => r.record ?? [])));
  const ruleSeries = new Set(
    rules.groups.flatMap((g) => g.rules.flatMap((r) => [...metricNames(r.expr)])),
  );
  const shown = new Set(queries().flatMap(({ expr }) => [...metricNames(expr)]));
  const missing = [...ruleSeries].filter((n) => !recorded.has(n) && !shown.has(n));
  assert.deepEqual(missing.filter((n) => n !== "up"), []);
});

Deno.test("every panel has a query, a unique id, a place on the grid and the provisioned datasource", () => {
  const uid = datasources.datasources.find((d) => d.type === "prometheus")?.uid;
  assert.ok(uid, "no prometheus datasource in the provisioning file");
  assert.equal(new Set(panels.map((p) => p.id)).size, panels.length, "panel ids repeat");
  const problems: string[] = [];
  for (const p of queryPanels) {
    if ((p.targets ?? []).length === 0) problems.push(`${p.title}: no query`);
    if (p.datasource?.uid !== uid) problems.push(`${p.title}: datasource ${p.datasource?.uid}`);
    for (const t of p.targets ?? []) {
      if (t.datasource && t.datasource.uid !== uid) problems.push(`${p.title}: target datasource`);
    }
    const { x, w, h } = p.gridPos;
    if (x < 0 || w < 1 || h < 1 || x + w > 24) problems.push(`${p.title}: off the 24-column grid`);
  }
  for (const v of dashboard.templating.list) {
    if (v.datasource.uid !== uid) problems.push(`variable ${v.name}: datasource`);
  }
  assert.deepEqual(problems, []);
  assert.equal(dashboard.uid, "riskpipe");
});
