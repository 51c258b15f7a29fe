import assert from "node:assert/strict";
import { formatStageFailure, stageExitCode } from "../../lib/stage/failure.ts";
import { ParamError } from "../../lib/stage/param_error.ts";
import { assertValidParams } from "../../lib/stage/param_schemas.ts";

Deno.test("a failure prints as one line without its stack", () => {
  const error = new TypeError('Cannot read "x.json": not JSON');
  assert.equal(formatStageFailure(error, false), 'Stage failed: Cannot read "x.json": not JSON');
});

Deno.test("debug adds the stack after the line", () => {
  const text = formatStageFailure(new Error("boom"), true);
  assert.equal(text.split("\n")[0], "Stage failed: boom");
  assert.match(text, /\n {4}at /);
});

Deno.test("a thrown non-error prints as text", () => {
  assert.equal(formatStageFailure("just a string", false), "Stage failed: just a string");
});

Deno.test("a param error exits 2 and anything else 1", () => {
  assert.equal(stageExitCode(new ParamError("Cannot read params: data.seed: expected number")), 2);
  assert.equal(stageExitCode(new TypeError("Cannot read x")), 1);
  assert.equal(stageExitCode("text"), 1);
});

Deno.test("params that fail their schema exit 2, like a missing param", () => {
  const error = (() => {
    try {
      assertValidParams({ train: { gbdt: { max_depth: -1 } } });
    } catch (e) {
      return e;
    }
  })();
  assert.ok(error instanceof Error);
  assert.match(error.message, /train\.gbdt\.max_depth/);
  assert.equal(stageExitCode(error), 2);
});
