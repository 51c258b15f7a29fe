import assert from "node:assert/strict";
import { UsageError } from "../../lib/cli/args.ts";
import { parseReproArgs } from "../../lib/cli/repro.ts";

Deno.test("repro flags become options, short and long forms alike", () => {
  assert.deepEqual(
    parseReproArgs(["train", "-f", "--dry", "-j", "4", "-k", "--wait", "-S", "a.b=1"]),
    {
      help: false,
      targets: ["train"],
      force: true,
      dry: true,
      downstream: false,
      keepGoing: true,
      wait: true,
      setParams: ["a.b=1"],
      jobs: 4,
    },
  );
});

Deno.test("--set-param repeats and takes --flag=value form", () => {
  const options = parseReproArgs(["--set-param=train.eta=0.05", "--set-param", "data.seed=1"]);
  assert.deepEqual(options.setParams, ["train.eta=0.05", "data.seed=1"]);
});

Deno.test("--jobs needs a positive integer", () => {
  assert.throws(() => parseReproArgs(["--jobs", "0"]), {
    name: "UsageError",
    message: 'Flag --jobs needs a positive integer: got "0"',
  });
  assert.throws(() => parseReproArgs(["--jobs"]), UsageError);
});

Deno.test("--downstream without a target is a usage error", () => {
  assert.throws(() => parseReproArgs(["--downstream"]), {
    message: "Flag --downstream needs at least one target stage",
  });
  assert.deepEqual(parseReproArgs(["split", "--downstream"]).targets, ["split"]);
});

Deno.test("an unknown flag names itself", () => {
  assert.throws(() => parseReproArgs(["--forse"]), { message: "Unknown flag for repro: --forse" });
  assert.throws(() => parseReproArgs(["-x"]), { message: "Unknown flag for repro: -x" });
});
