import assert from "node:assert/strict";
import { join } from "node:path";
import {
  parseReleasePolicy,
  readReleasePolicy,
  ReleasePolicyError,
} from "../../lib/scoring/release/policy.ts";

Deno.test("a canary policy takes the challenger alias and sticky field by default", () => {
  assert.deepEqual(parseReleasePolicy({ mode: "canary", weight: 10 }), {
    mode: "canary",
    challenger: "@challenger",
    weight: 10,
    sticky_by: "id",
  });
});

Deno.test("a canary weight outside 0 to 100 is refused naming the param", () => {
  for (const weight of [-1, 101, 250]) {
    assert.throws(
      () => parseReleasePolicy({ mode: "canary", weight }),
      (error: Error) =>
        error instanceof ReleasePolicyError &&
        error.message === "Invalid release policy: serve.release.weight: must be 0 to 100",
    );
  }
});

Deno.test("a challenger that is neither an alias nor a version is refused naming the param", () => {
  assert.throws(
    () => parseReleasePolicy({ mode: "shadow", challenger: "latest" }),
    /serve\.release\.challenger: must be an alias \("@challenger"\) or a version \("v0007"\)/,
  );
});

Deno.test("an unknown mode and an unknown key are refused", () => {
  assert.throws(() => parseReleasePolicy({ mode: "blue" }), /serve\.release\.mode/);
  assert.throws(() => parseReleasePolicy({ mode: "single", weight: 3 }), /serve\.release/);
});

Deno.test("a policy file is read as the policy or as pipeline.yaml's params.serve.release", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, "release.yaml"), "mode: shadow\nchallenger: v0002\n");
    assert.deepEqual(await readReleasePolicy(join(dir, "release.yaml")), {
      mode: "shadow",
      challenger: "v0002",
    });
    await Deno.writeTextFile(
      join(dir, "pipeline.yaml"),
      "params:\n  serve:\n    release: {mode: canary, weight: 120}\n",
    );
    await assert.rejects(
      () => readReleasePolicy(join(dir, "pipeline.yaml")),
      /serve\.release\.weight: must be 0 to 100 \(in .*pipeline\.yaml\)/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
