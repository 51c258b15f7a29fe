import assert from "node:assert/strict";
import { denoScripts, shellWords } from "../../../lib/pipeline/run/deno_scripts.ts";

Deno.test("denoScripts finds the script of deno run after its flags", () => {
  assert.deepEqual(denoScripts("deno run -A --config deno.json stages/train.ts --fast x.ts"), [
    "stages/train.ts",
  ]);
});

Deno.test("denoScripts finds every file given to deno test", () => {
  assert.deepEqual(denoScripts("deno test -A tests/a_test.ts tests/b_test.ts"), [
    "tests/a_test.ts",
    "tests/b_test.ts",
  ]);
});

Deno.test("denoScripts reads each command of a chain", () => {
  assert.deepEqual(
    denoScripts("deno run -A stages/a.ts && echo done; /usr/bin/deno run stages/b.js|cat"),
    ["stages/a.ts", "stages/b.js"],
  );
});

Deno.test("denoScripts ignores other programs, remote scripts and deno task", () => {
  assert.deepEqual(denoScripts("python train.py"), []);
  assert.deepEqual(denoScripts("deno run npm:cowsay@1.6.0"), []);
  assert.deepEqual(denoScripts("deno run https://example.com/x.ts"), []);
  assert.deepEqual(denoScripts("deno task repro"), []);
});

Deno.test("shellWords honours quotes, escapes and operators", () => {
  assert.deepEqual(shellWords(`echo "a b" 'c;d' e\\ f&&g || h`), [
    "echo",
    "a b",
    "c;d",
    "e f",
    "&&",
    "g",
    "||",
    "h",
  ]);
});
