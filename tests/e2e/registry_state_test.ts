/**
 * The registry's champion as a runner input, through a miniature train → evaluate →
 * register chain run by the real runner, registry and promotion policy.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readLock } from "../../lib/pipeline/store/lock.ts";
import { pipelineStatus } from "../../lib/pipeline/status.ts";
import { promote, readIndex } from "../../lib/registry/mod.ts";
import { createFixture, type Fixture, results } from "./repro_fixture.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
const STAGE =
  `deno run -A --no-lock --config ${REPO}/deno.json ${REPO}/tests/e2e/fixtures/registry_stage.ts`;

/** The chain, with register's out tracked as the version directories only. */
export const REGISTRY_PIPELINE = `
params:
  train: { auc: 0.7197 }
  register: { promote: first }
stages:
  train:
    cmd: ${STAGE} train
    params: [train]
    outs: [data/candidate]
  evaluate:
    cmd: ${STAGE} evaluate
    deps: [data/candidate]
    state: [registry.champion]
    outs: [reports/gate.json, reports/metrics.json]
  register:
    cmd: ${STAGE} register
    deps: [data/candidate, reports/gate.json, reports/metrics.json]
    params: [register]
    writes_state: [registry.champion]
    outs:
      - path: data/registry/versions
        cache: false
        persist: true
`;

async function stages(fx: Fixture): Promise<Record<string, string>> {
  return (await readIndex(`${fx.root}/data/registry`)).stages;
}

async function staleReasons(fx: Fixture): Promise<Record<string, string[]>> {
  const statuses = await pipelineStatus(fx.root);
  return Object.fromEntries(statuses.filter((s) => s.stale).map((s) => [s.stage, s.reasons]));
}

function printed(fx: Fixture, stage: string): string[] {
  const prefix = `[${stage}] `;
  return fx.output.filter((line) => line.startsWith(prefix) && !line.startsWith(`${prefix}$`))
    .map((line) => line.slice(prefix.length));
}

Deno.test("an experiment with a worse AUC registers a version and leaves Production alone", async () => {
  await using fx = await createFixture({ "pipeline.yaml": REGISTRY_PIPELINE });
  const first = await fx.repro();
  assert.deepEqual(results(first), { train: "ran", evaluate: "ran", register: "ran" });
  assert.deepEqual(printed(fx, "register"), [
    "registered v0001",
    "v0001: None → Production (no champion yet, gate passed)",
  ]);
  // Its own promotion is register acting on evaluate's verdict: nothing is stale after it.
  assert.deepEqual(await staleReasons(fx), {});
  assert.equal((await readLock(fx.root)).stages.evaluate.state?.["registry.champion"].id, "v0001");

  const experiment = await fx.repro({ setParams: ["train.auc=0.7182"] });
  assert.deepEqual(results(experiment), { train: "ran", evaluate: "ran", register: "ran" });
  assert.deepEqual(printed(fx, "evaluate"), ["compared with v0001"]);
  assert.equal(printed(fx, "register")[0], "registered v0002");
  assert.match(
    printed(fx, "register")[1],
    /^v0002 stays in None: a --set-param run \(train\.auc\)/,
  );
  assert.deepEqual(await stages(fx), { v0001: "Production", v0002: "None" });

  const reverted = await fx.repro();
  assert.deepEqual(results(reverted), { train: "restored", evaluate: "restored", register: "ran" });
  assert.deepEqual(printed(fx, "register"), [
    "v0001 already registered (same artifacts)",
    "v0001 stays in Production: v0001 is already the champion",
  ]);
  assert.deepEqual(await stages(fx), { v0001: "Production", v0002: "None" });
  assert.deepEqual(await staleReasons(fx), {});
});

Deno.test("auto promotes only what passes the gate against the champion, asked for in the run", async () => {
  await using fx = await createFixture({ "pipeline.yaml": REGISTRY_PIPELINE });
  await fx.repro();
  await fx.repro({ setParams: ["train.auc=0.7182", "register.promote=auto"] });
  assert.match(printed(fx, "register")[1], /^v0002 stays in None: its gate failed/);
  await fx.repro({ setParams: ["train.auc=0.7301", "register.promote=auto"] });
  assert.deepEqual(printed(fx, "register"), [
    "registered v0003",
    "v0001: Production → Archived (replaced by v0003)",
    "v0003: None → Production (gate passed, not worse than v0001)",
  ]);
  assert.deepEqual(await stages(fx), { v0001: "Archived", v0002: "None", v0003: "Production" });
});

Deno.test("a promotion by hand makes evaluate stale by state, not register by its out", async () => {
  await using fx = await createFixture({ "pipeline.yaml": REGISTRY_PIPELINE });
  await fx.repro();
  await fx.repro({ setParams: ["train.auc=0.7182"] });
  await fx.repro();
  await promote(`${fx.root}/data/registry`, "v0002", "Production", { force: true });
  assert.deepEqual(await staleReasons(fx), {
    evaluate: ['state "registry.champion" changed (v0001 → v0002)'],
  });
  const dry = await fx.repro({ dry: true });
  assert.deepEqual(results(dry), {
    train: "up to date",
    evaluate: "would run",
    register: "may run",
  });
  const real = await fx.repro();
  assert.deepEqual(results(real), { train: "up to date", evaluate: "ran", register: "ran" });
  assert.deepEqual(printed(fx, "evaluate"), ["compared with v0002"]);
});

Deno.test("the run-cache does not restore an evaluation made against another champion", async () => {
  await using fx = await createFixture({ "pipeline.yaml": REGISTRY_PIPELINE });
  await fx.repro({ setParams: ["register.promote=never"] });
  assert.deepEqual(await stages(fx), { v0001: "None" });
  await promote(`${fx.root}/data/registry`, "v0001", "Production");
  await fx.repro({ setParams: ["train.auc=0.71", "register.promote=never"] });
  // Back to the first candidate: evaluate's saved run was judged with no champion.
  const back = await fx.repro({ setParams: ["register.promote=never"] });
  assert.equal(results(back).evaluate, "ran");
  assert.deepEqual(printed(fx, "evaluate"), ["compared with v0001"]);
});
