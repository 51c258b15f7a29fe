import assert from "node:assert/strict";
import { join } from "node:path";
import { z } from "zod";
import { parseJsonFile, parseJsonText } from "../../lib/json/mod.ts";

const Schema = z.strictObject({
  key: z.string(),
  features: z.array(z.strictObject({ name: z.string(), type: z.enum(["numeric", "boolean"]) })),
});

Deno.test("a file with two bad fields names the file and both issues with their paths", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "manifest.json");
    await Deno.writeTextFile(
      path,
      JSON.stringify({
        key: 7,
        features: [{ name: "a", type: "numeric" }, { name: "b", type: "x" }],
      }),
    );
    await assert.rejects(() => parseJsonFile(path, Schema, { what: "feature manifest" }), (e) => {
      assert.ok(e instanceof TypeError);
      assert.match(e.message, new RegExp(`^Cannot read feature manifest "${path}": `));
      assert.match(e.message, /key: Invalid input: expected string, received number/);
      assert.match(e.message, /; features\.1\.type: Invalid option: expected one of/);
      return true;
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a file that is not JSON is a SyntaxError naming the file", () => {
  assert.throws(() => parseJsonText("{", "x.json", Schema), (e) => {
    assert.ok(e instanceof SyntaxError);
    assert.match(e.message, /^Cannot read "x\.json": /);
    return true;
  });
});

Deno.test("a root-level issue is named (root) and a good file parses", () => {
  assert.throws(() => parseJsonText("[]", "x.json", Schema), /Cannot read "x\.json": \(root\): /);
  assert.deepEqual(parseJsonText('{"key":"id","features":[]}', "x.json", Schema), {
    key: "id",
    features: [],
  });
});
