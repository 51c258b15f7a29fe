/**
 * `deno task monitor --retrain` end to end on the csv fixture: labelled logged rows whose
 * realised AUC collapsed raise an alert, the retrain writes reference + qualifying rows as
 * a content-addressed source, runs the pipeline and sets @challenger (never @champion); the
 * same retrain again finds everything up to date; too few rows exit 3 naming the param.
 */
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { openLogStore, openOutcomeStore } from "../../lib/inference_log/mod.ts";
import { resolveAlias } from "../../lib/registry/mod.ts";
import { hashFile } from "../../lib/pipeline/store/hash.ts";
import { csvPipeline, lineAsJson } from "./csv_pipeline_fixture.ts";

const REPO = resolve(import.meta.dirname!, "../..");
const NOW = "2026-03-04T05:06:07Z";

async function monitorAt(root: string, args: string[]) {
  const script = join(root, "monitor_at.ts");
  await Deno.writeTextFile(
    script,
    `import { main } from ${JSON.stringify(join(REPO, "lib/cli/monitor.ts"))};\n` +
      `Deno.exit(await main(Deno.args, () => new Date(${JSON.stringify(NOW)})));\n`,
  );
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script, ...args],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

async function setMonitorParams(root: string, monitor: Record<string, unknown>) {
  const path = join(root, "pipeline.yaml");
  const pipeline = parseYaml(await Deno.readTextFile(path));
  pipeline.params.monitor = monitor;
  pipeline.params.gate = {
    ...pipeline.params.gate,
    max_auc_drop_vs_production: 1,
    min_auc: 0.5,
    max_score_psi: 100,
  };
  // The fixture runs its stages by hand: for the runner, no reason table (the csv's own names).
  pipeline.params.governance.reasons = null;
  for (const stage of ["evaluate", "register"]) {
    pipeline.stages[stage].deps = pipeline.stages[stage].deps.filter((d: string) =>
      d !== "reasons.yaml"
    );
  }
  await Deno.writeTextFile(path, stringifyYaml(pipeline));
}

Deno.test("an alert with --retrain registers reference + labelled rows as @challenger, once", async () => {
  await using p = await csvPipeline(300);
  const champion = await resolveAlias(p.registry, "champion");
  assert.equal(champion, "v0001");
  const logged = p.lines.slice(0, 40).map((line) => lineAsJson(p.header, line));
  const store = await openLogStore({ sqlitePath: join(p.root, "data/inference_log/log.db") });
  const record = (i: number, time: string) => ({
    requestId: `r${i}`,
    time,
    modelVersion: "v0001",
    endpoint: "/predict",
    inputs: logged[i],
    score: i % 2 === 0 ? 0.9 : 0.1,
    tier: "low",
  });
  // 36 in the window, 4 scored within the label delay (left out).
  store.append(
    logged.map((_, i) => record(i, i < 36 ? "2026-01-20T10:00:00Z" : "2026-02-20T10:00:00Z")),
  );
  await store.close();
  const outcomes = await openOutcomeStore({
    sqlitePath: join(p.root, "data/inference_log/log.db"),
  });
  // Outcomes opposite to the scores: the realised AUC collapses.
  const summary = await outcomes.record(
    logged.map((_, i) => ({
      request_id: `r${i}`,
      outcome: i % 2 === 0 ? 0 : 1,
      observed_at: "2026-03-01",
    })),
    { now: new Date(NOW) },
  );
  await outcomes.close();
  assert.equal(summary.accepted, 40);
  const current = join(p.root, "window.csv");
  await Deno.writeTextFile(
    current,
    [p.header.join(","), ...p.lines.slice(0, 100)].join("\n") + "\n",
  );
  await setMonitorParams(p.root, {
    performance: { window: "7d", label_delay: "30d", min_labelled_rows: 10 },
    retrain: { window: "30d", min_labelled_rows: 20 },
  });

  const first = await monitorAt(p.root, ["--current", current, "--retrain"]);
  assert.equal(first.code, 1, first.stderr + first.stdout);
  assert.match(first.stdout, /ALERT \(.*realised_auc/);
  assert.match(first.stderr, /monitor: registered v0002/);
  assert.match(first.stderr, /@challenger moved \(none\) → v0002; @champion unchanged \(v0001\)/);
  assert.match(first.stderr, /deno task registry promote v0002 Production/);
  assert.equal(await resolveAlias(p.registry, "challenger"), "v0002");
  assert.equal(await resolveAlias(p.registry, "champion"), "v0001");
  const [, path, sha] = first.stderr.match(/retrain source (\S+) sha256 ([0-9a-f]{64})/)!;
  assert.equal(await hashFile(join(p.root, path)), sha);
  const source = (await Deno.readTextFile(join(p.root, path))).split("\n").filter((l) => l !== "");
  assert.equal(source.length, 1 + 300 + 36);
  assert.equal(source[1], p.lines[0]);
  // the first logged row, its target replaced by its outcome (0: "no")
  assert.equal(source[301], p.lines[0].split(",").slice(0, 5).concat("no").join(","));
  assert.equal(source[302], p.lines[1].split(",").slice(0, 5).concat("yes").join(","));

  const second = await monitorAt(p.root, ["--current", current, "--retrain"]);
  assert.equal(second.code, 1, second.stderr);
  assert.match(second.stderr, /pipeline up to date \(nothing ran\)/);
  assert.match(second.stderr, /v0002 was registered before from this source \(nothing new\)/);
  assert.match(second.stderr, /@challenger already names v0002/);

  await setMonitorParams(p.root, {
    performance: { window: "7d", label_delay: "30d", min_labelled_rows: 10 },
    retrain: { window: "30d", min_labelled_rows: 1000 },
  });
  const few = await monitorAt(p.root, ["--current", current, "--retrain"]);
  assert.equal(few.code, 3, few.stderr);
  assert.match(
    few.stderr,
    /Cannot retrain: 36 qualifying labelled rows scored from 2026-01-03T00:00:00.000Z to 2026-02-02T00:00:00.000Z, fewer than param monitor.retrain.min_labelled_rows \(1000\)/,
  );
  await setMonitorParams(p.root, {
    performance: { window: "7d", label_delay: "30d", min_labelled_rows: 10 },
    retrain: { window: "1d" },
  });
  const none = await monitorAt(p.root, ["--current", current, "--retrain"]);
  assert.equal(none.code, 3, none.stderr);
  assert.match(
    none.stderr,
    /Cannot retrain: 0 qualifying labelled rows .*param monitor.retrain.min_labelled_rows \(100\); left out of 0 labelled/,
  );
  assert.equal(await resolveAlias(p.registry, "challenger"), "v0002");
});
