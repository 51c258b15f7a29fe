import assert from "node:assert/strict";
import { readLock } from "../../lib/pipeline/store/lock.ts";
import { pipelineStatus } from "../../lib/pipeline/status.ts";
import { createFixture, results } from "./repro_fixture.ts";

const PIPELINE = `
stages:
  typed:
    cmd: deno run -A stages/typed.ts
    outs: [out/typed.txt]
  plain:
    cmd: mkdir -p out && cp lib/other.ts out/plain.txt
    deps: [lib/other.ts]
    outs: [out/plain.txt]
`;

const FILES = {
  "pipeline.yaml": PIPELINE,
  "stages/typed.ts": 'import { word } from "../lib/word.ts";\n' +
    'await Deno.writeTextFile("out/typed.txt", word + "\\n");\n',
  "lib/word.ts": 'export const word = "alpha";\n',
  "lib/other.ts": "export const other = 1;\n",
};

Deno.test("editing a module a stage imports reruns that stage only", async () => {
  await using fx = await createFixture(FILES);
  await fx.repro();
  assert.equal(await fx.read("out/typed.txt"), "alpha\n");
  assert.deepEqual(
    (await readLock(fx.root)).stages.typed.deps.map((d) => d.path),
    ["lib/word.ts", "stages/typed.ts"],
  );
  await fx.write("lib/word.ts", 'export const word = "beta";\n');
  assert.deepEqual(
    (await pipelineStatus(fx.root)).filter((s) => s.stale).map((s) => [s.stage, s.reasons]),
    [["typed", ['dep "lib/word.ts" modified']]],
  );
  const summary = await fx.repro();
  assert.deepEqual(results(summary), { typed: "ran", plain: "up to date" });
  assert.equal(await fx.read("out/typed.txt"), "beta\n");
});
