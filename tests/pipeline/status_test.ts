import assert from "node:assert/strict";
import { repro } from "../../lib/pipeline/run/repro.ts";
import { pipelineStatus, renderStatus } from "../../lib/pipeline/status.ts";

const PIPELINE = `
params:
  a: { k: 1 }
stages:
  first:
    cmd: cp in.txt first.txt
    deps: [in.txt]
    params: [a.k]
    outs: [first.txt]
  second:
    cmd: cp first.txt second.txt
    deps: [first.txt]
    outs: [second.txt]
    frozen: true
`;

Deno.test("a never-run pipeline reports every unfrozen stage as never run", async () => {
  const root = await Deno.makeTempDir();
  await Deno.writeTextFile(`${root}/pipeline.yaml`, PIPELINE);
  await Deno.writeTextFile(`${root}/in.txt`, "x");
  const statuses = await pipelineStatus(root);
  await Deno.remove(root, { recursive: true });
  assert.deepEqual(statuses, [
    { stage: "first", stale: true, frozen: false, reasons: ["never run"] },
    { stage: "second", stale: false, frozen: true, reasons: [] },
  ]);
});

Deno.test("the status of a target covers only it and its upstream", async () => {
  const root = await Deno.makeTempDir();
  await Deno.writeTextFile(`${root}/pipeline.yaml`, PIPELINE);
  await Deno.writeTextFile(`${root}/in.txt`, "x");
  const statuses = await pipelineStatus(root, { targets: ["first"], setParams: ["a.k=2"] });
  await Deno.remove(root, { recursive: true });
  assert.deepEqual(statuses.map((s) => s.stage), ["first"]);
});

Deno.test("the status text lists each stale stage with its reasons", () => {
  const text = renderStatus([
    { stage: "train", stale: true, frozen: false, reasons: ["param train.eta 0.1 → 0.05"] },
    { stage: "split", stale: false, frozen: false, reasons: [] },
    { stage: "eval", stale: true, frozen: false, reasons: ['out "m.json" missing', "cmd changed"] },
  ]);
  assert.equal(
    text,
    'train:\n  param train.eta 0.1 → 0.05\neval:\n  out "m.json" missing\n  cmd changed',
  );
});

Deno.test("the status text says when everything is up to date", () => {
  assert.equal(
    renderStatus([{ stage: "a", stale: false, frozen: false, reasons: [] }]),
    "Everything is up to date",
  );
});

Deno.test("status after a --set-param names the dotted key inside the named section", async () => {
  const root = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      `${root}/pipeline.yaml`,
      `params:
  train:
    seed: 11
    gbdt: { max_depth: 4, learning_rate: 0.05, subsample: 0.8, colsample_bytree: 0.5 }
stages:
  train:
    cmd: cp in.txt model.txt
    deps: [in.txt]
    params: [train]
    outs: [model.txt]
`,
    );
    await Deno.writeTextFile(`${root}/in.txt`, "x");
    await repro(root, {});
    const [status] = await pipelineStatus(root, { setParams: ["train.gbdt.max_depth=6"] });
    assert.deepEqual(status.reasons, ["param train.gbdt.max_depth 4 → 6"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
