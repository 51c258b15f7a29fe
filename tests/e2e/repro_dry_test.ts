/**
 * `repro --dry` against the real run that follows it, for every kind of staleness the
 * runner knows: the dry run must say what the real one then does, and with the same
 * reasons; "may run" (only the outs of a running upstream stage can tell) must end as
 * ran, restored or up to date.
 */
import assert from "node:assert/strict";
import type { ReproOptions, ReproSummary } from "../../lib/pipeline/run/repro.ts";
import { promote, registerVersion } from "../../lib/registry/mod.ts";
import { createFixture, DIAMOND_PIPELINE, type Fixture, results } from "./repro_fixture.ts";

const REAL: Record<string, string[]> = {
  "would run": ["ran"],
  "would restore": ["restored"],
  "up to date": ["up to date"],
  "skipped": ["skipped"],
  "would fail": ["failed"],
  "not run": ["not run"],
  "may run": ["ran", "restored", "up to date"],
};

/** Runs `repro --dry`, then the real repro, and checks the first foretold the second. */
async function dryThenReal(
  fx: Fixture,
  options: ReproOptions = {},
): Promise<{ dry: Record<string, string>; real: Record<string, string> }> {
  const dry = await fx.repro({ ...options, dry: true });
  const real = await fx.repro(options);
  assertForetold(dry, real);
  return { dry: results(dry), real: results(real) };
}

function assertForetold(dry: ReproSummary, real: ReproSummary): void {
  assert.deepEqual(dry.stages.map((s) => s.stage), real.stages.map((s) => s.stage));
  dry.stages.forEach((said, i) => {
    const done = real.stages[i];
    assert.ok(
      REAL[said.result].includes(done.result),
      `stage "${said.stage}": --dry said "${said.result}", the run did "${done.result}"`,
    );
    if (said.result === "may run" || said.result === "would fail") return;
    const upstream = said.reasons.filter((reason) =>
      /^upstream stage ".*" would run$/.test(reason)
    );
    if (upstream.length === 0) {
      assert.deepEqual(said.reasons, done.reasons, `reasons of stage "${said.stage}"`);
    } else {
      // Below a running stage only its own reasons are known; the run adds the dep it saw change.
      for (const reason of said.reasons.filter((r) => !upstream.includes(r))) {
        assert.ok(done.reasons.includes(reason), `stage "${said.stage}": reason ${reason}`);
      }
    }
  });
}

async function diamond(): Promise<Fixture> {
  const fx = await createFixture({ "pipeline.yaml": DIAMOND_PIPELINE, "input.txt": "one\n" });
  await fx.repro();
  return fx;
}

Deno.test("--dry foretells a first run: every stage runs", async () => {
  await using fx = await createFixture({ "pipeline.yaml": DIAMOND_PIPELINE, "input.txt": "one\n" });
  const { dry, real } = await dryThenReal(fx);
  assert.deepEqual(dry, { gen: "would run", left: "would run", right: "would run" });
  assert.deepEqual(real, { gen: "ran", left: "ran", right: "ran" });
});

Deno.test("--dry foretells an up-to-date pipeline", async () => {
  await using fx = await diamond();
  const { dry } = await dryThenReal(fx);
  assert.deepEqual(dry, { gen: "up to date", left: "up to date", right: "up to date" });
});

Deno.test("--dry foretells a changed cmd", async () => {
  await using fx = await diamond();
  await fx.write("pipeline.yaml", DIAMOND_PIPELINE.replace("echo left >>", "echo left2 >>"));
  const { dry, real } = await dryThenReal(fx);
  assert.deepEqual(dry, { gen: "up to date", left: "would run", right: "up to date" });
  assert.deepEqual(real, { gen: "up to date", left: "ran", right: "up to date" });
});

Deno.test("--dry foretells a modified dep, and that its downstream may run", async () => {
  await using fx = await diamond();
  await fx.write("input.txt", "two\n");
  const { dry, real } = await dryThenReal(fx);
  assert.deepEqual(dry, { gen: "would run", left: "may run", right: "may run" });
  assert.deepEqual(real, { gen: "ran", left: "ran", right: "ran" });
});

Deno.test("--dry foretells a changed param", async () => {
  await using fx = await diamond();
  const { dry, real } = await dryThenReal(fx, { setParams: ["left.k=7"] });
  assert.deepEqual(dry, { gen: "up to date", left: "would run", right: "up to date" });
  assert.deepEqual(real, { gen: "up to date", left: "ran", right: "up to date" });
});

Deno.test("--dry foretells a missing out restored from the cache", async () => {
  await using fx = await diamond();
  await Deno.remove(`${fx.root}/data/left.txt`);
  const { dry } = await dryThenReal(fx);
  assert.deepEqual(dry, { gen: "up to date", left: "would restore", right: "up to date" });
});

Deno.test("--dry foretells a modified out restored, and its downstream kept", async () => {
  await using fx = await diamond();
  await Deno.chmod(`${fx.root}/data/gen/a.txt`, 0o644).catch(() => {});
  await Deno.remove(`${fx.root}/data/gen/a.txt`);
  await fx.write("data/gen/a.txt", "edited\n");
  const { dry } = await dryThenReal(fx);
  assert.deepEqual(dry, { gen: "would restore", left: "up to date", right: "up to date" });
  assert.equal(await fx.read("data/gen/a.txt"), "one\n");
});

Deno.test("--dry foretells restores from the run-cache, downstream included", async () => {
  await using fx = await diamond();
  await fx.write("input.txt", "two\n");
  await fx.repro();
  await fx.write("input.txt", "one\n");
  const { dry, real } = await dryThenReal(fx);
  assert.deepEqual(dry, { gen: "would restore", left: "would restore", right: "would restore" });
  assert.deepEqual(real, { gen: "restored", left: "restored", right: "restored" });
});

Deno.test("--dry says may run downstream of a run whose outs come out identical", async () => {
  await using fx = await diamond();
  await fx.write(
    "pipeline.yaml",
    DIAMOND_PIPELINE.replace("- echo gen >> runs.log", "- echo gen >> runs.log; true"),
  );
  const { dry, real } = await dryThenReal(fx);
  assert.deepEqual(dry, { gen: "would run", left: "may run", right: "may run" });
  assert.deepEqual(real, { gen: "ran", left: "up to date", right: "up to date" });
});

Deno.test("--dry foretells a stage stale for its own reason below a running one", async () => {
  await using fx = await diamond();
  await fx.write("input.txt", "two\n");
  const { dry, real } = await dryThenReal(fx, { setParams: ["left.k=3"] });
  assert.deepEqual(dry, { gen: "would run", left: "would run", right: "may run" });
  assert.deepEqual(real, { gen: "ran", left: "ran", right: "ran" });
});

Deno.test("--dry foretells --force, a frozen stage and a missing dep", async () => {
  await using fx = await diamond();
  const forced = await dryThenReal(fx, { force: true, targets: ["left"] });
  assert.deepEqual(forced.dry, { gen: "would run", left: "would run" });
  await fx.write(
    "pipeline.yaml",
    DIAMOND_PIPELINE.replace("    params: [gen.n]", "    params: [gen.n]\n    frozen: true"),
  );
  await fx.write("input.txt", "two\n");
  const frozen = await dryThenReal(fx);
  assert.deepEqual(frozen.dry, { gen: "skipped", left: "up to date", right: "up to date" });
  await Deno.remove(`${fx.root}/data/gen`, { recursive: true });
  const missing = await dryThenReal(fx);
  assert.deepEqual(missing.dry, { gen: "skipped", left: "would fail", right: "would fail" });
  assert.deepEqual(missing.real, { gen: "skipped", left: "failed", right: "failed" });
});

const JUDGE_PIPELINE = `
stages:
  judge:
    cmd: cat data/registry/registry.json > judged.txt
    state: [registry.champion]
    outs: [judged.txt]
  report:
    cmd: cp judged.txt report.txt
    deps: [judged.txt]
    outs: [report.txt]
`;

Deno.test("--dry foretells a changed state, and a state seen before restored", async () => {
  await using fx = await createFixture({ "pipeline.yaml": JUDGE_PIPELINE });
  const registry = `${fx.root}/data/registry`;
  for (const text of ["one", "two"]) {
    await fx.write(`model-${text}.json`, text);
    await registerVersion(registry, {
      artifacts: { "model.json": `${fx.root}/model-${text}.json` },
      metrics: {},
      gatePassed: true,
      lineage: {},
    });
  }
  await promote(registry, "v0001", "Production");
  await fx.repro();
  await promote(registry, "v0002", "Production");
  const changed = await dryThenReal(fx);
  assert.deepEqual(changed.dry, { judge: "would run", report: "may run" });
  assert.deepEqual(changed.real, { judge: "ran", report: "ran" });
  const summary = await fx.repro({ dry: true });
  assert.deepEqual(summary.stages.map((s) => s.result), ["up to date", "up to date"]);
  await promote(registry, "v0001", "Production");
  const before = await fx.repro({ dry: true });
  assert.deepEqual(before.stages.map((s) => [s.result, s.reasons]), [
    ["would restore", ['state "registry.champion" changed (v0002 → v0001)', "found in run-cache"]],
    ["would restore", ['dep "judged.txt" modified', "found in run-cache"]],
  ]);
  const back = await fx.repro();
  assertForetold(before, back);
  assert.deepEqual(results(back), { judge: "restored", report: "restored" });
});

const HOLDING_PIPELINE = `
stages:
  gen:
    cmd: mkdir -p out/a && cp input.txt out/a/x.txt
    deps: [input.txt]
    outs: [out/a]
  copy:
    cmd: cp input.txt out/b.txt
    deps: [input.txt]
    outs: [out/b.txt]
  all:
    cmd: cat out/a/x.txt out/b.txt > all.txt
    deps: [out]
    outs: [all.txt]
`;

Deno.test("--dry foretells a dep on a directory holding outs that would be restored", async () => {
  await using fx = await createFixture({ "pipeline.yaml": HOLDING_PIPELINE, "input.txt": "one\n" });
  await fx.repro();
  await fx.write("input.txt", "two\n");
  await fx.repro();
  await fx.write("input.txt", "one\n");
  const { dry, real } = await dryThenReal(fx);
  assert.deepEqual(dry, { gen: "would restore", copy: "would restore", all: "would restore" });
  assert.deepEqual(real, { gen: "restored", copy: "restored", all: "restored" });
  await Deno.chmod(`${fx.root}/out/b.txt`, 0o644);
  await Deno.remove(`${fx.root}/out/b.txt`);
  await fx.write("out/b.txt", "edited\n");
  const edited = await dryThenReal(fx);
  assert.deepEqual(edited.dry, { gen: "up to date", copy: "would restore", all: "up to date" });
});

Deno.test("--dry foretells an always_changed stage, and its downstream kept", async () => {
  await using fx = await createFixture({
    "pipeline.yaml": DIAMOND_PIPELINE.replace(
      "    params: [gen.n]",
      "    params: [gen.n]\n    always_changed: true",
    ),
    "input.txt": "one\n",
  });
  await fx.repro();
  const { dry, real } = await dryThenReal(fx);
  assert.deepEqual(dry, { gen: "would run", left: "may run", right: "may run" });
  assert.deepEqual(real, { gen: "ran", left: "up to date", right: "up to date" });
});
