import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli } from "../../lib/cli/main.ts";

async function quietly<T>(run: () => Promise<T>): Promise<{ value: T; errors: string[] }> {
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errors.push(args.join(" "));
  try {
    return { value: await run(), errors };
  } finally {
    console.error = original;
  }
}

Deno.test("tune exits 2 on a flag value that is not a positive integer", async () => {
  const { value, errors } = await quietly(() => runCli(["tune", "--trials", "0"], Deno.cwd()));
  assert.equal(value, 2);
  assert.deepEqual(errors, ['Flag --trials needs a positive integer: got "0"']);
});

Deno.test("tune exits 2 naming an empty range of pipeline.yaml", async () => {
  const root = await Deno.makeTempDir({ prefix: "riskpipe-tune-cli-" });
  try {
    await Deno.writeTextFile(
      join(root, "pipeline.yaml"),
      "params:\n  train:\n    gbdt: { max_depth: 4 }\n  tune:\n    space:\n      max_depth: { min: 6, max: 3 }\nstages: {}\n",
    );
    const { value, errors } = await quietly(() => runCli(["tune"], root));
    assert.equal(value, 2);
    assert.deepEqual(errors, [
      'Invalid param tune.space.max_depth: cannot search an empty range: min 6 is above max 3, got {"max":3,"min":6}',
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
