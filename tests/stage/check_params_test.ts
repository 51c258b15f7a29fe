import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { checkParams, PARAMS_CHECK_FILE, SCHEMA_MODULES } from "../../lib/stage/check_params.ts";

Deno.test("the schema modules the check's record depends on are param_schemas.ts's import graph", async () => {
  const entry = new URL("../../lib/stage/param_schemas.ts", import.meta.url);
  const { stdout } = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", fileURLToPath(entry)],
    stdout: "piped",
  }).output();
  const graph = JSON.parse(new TextDecoder().decode(stdout)) as {
    modules: { specifier: string }[];
  };
  const local = graph.modules.map((m) => m.specifier).filter((s) => s.startsWith("file:"));
  const listed = SCHEMA_MODULES.map((file) => new URL(file, entry).href);
  assert.deepEqual([...listed].sort(), [...local].sort());
});

Deno.test("params that passed are recorded, and changed params are checked again", async () => {
  const root = await Deno.makeTempDir();
  try {
    await checkParams(root, { train: { gbdt: { max_depth: 4 } } });
    const record = JSON.parse(await Deno.readTextFile(`${root}/${PARAMS_CHECK_FILE}`));
    assert.match(record.key, /^[0-9a-f]{64}$/);
    await checkParams(root, { train: { gbdt: { max_depth: 4 } } });
    await assert.rejects(
      checkParams(root, { train: { gbdt: { max_depth: "6" } } }, ["train.gbdt.max_depth=6"]),
      {
        name: "PipelineError",
        message:
          'Invalid param train.gbdt.max_depth (from --set-param): must be an integer ≥ 0 and ≤ 30, got "6"',
      },
    );
    const after = JSON.parse(await Deno.readTextFile(`${root}/${PARAMS_CHECK_FILE}`));
    assert.equal(after.key, record.key);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
