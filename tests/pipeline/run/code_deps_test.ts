import assert from "node:assert/strict";
import { join } from "node:path";
import { CODE_DEPS_FILE, findCodeDeps } from "../../../lib/pipeline/run/code_deps.ts";
import { hashFile } from "../../../lib/pipeline/store/hash.ts";

async function withRepo(fn: (root: string) => Promise<void>): Promise<void> {
  const root = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(root, "stages"));
    await Deno.mkdir(join(root, "lib"));
    await Deno.writeTextFile(
      join(root, "stages", "x.ts"),
      'import { a } from "../lib/a.ts";\nconsole.log(a);\n',
    );
    await Deno.writeTextFile(
      join(root, "lib", "a.ts"),
      'import { join } from "node:path";\nimport { b } from "./b.ts";\nexport const a = join(b);\n',
    );
    await Deno.writeTextFile(join(root, "lib", "b.ts"), 'export const b = "b";\n');
    await Deno.writeTextFile(join(root, "lib", "unused.ts"), "export const u = 1;\n");
    await fn(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("findCodeDeps lists every local module a deno run script imports, sorted", async () => {
  await withRepo(async (root) => {
    assert.deepEqual(await findCodeDeps(root, ["deno run -A stages/x.ts"]), [
      "lib/a.ts",
      "lib/b.ts",
      "stages/x.ts",
    ]);
  });
});

Deno.test("a cmd that runs no Deno script has no code deps", async () => {
  await withRepo(async (root) => {
    assert.deepEqual(await findCodeDeps(root, ["echo hi > out.txt"]), []);
    await assert.rejects(() => Deno.stat(join(root, CODE_DEPS_FILE)), Deno.errors.NotFound);
  });
});

Deno.test("an unchanged import graph is read from .repro/code-deps.json without deno info", async () => {
  await withRepo(async (root) => {
    // A hand-written cache whose module list deno info would never produce: returning it
    // shows no subprocess ran.
    const hashes: Record<string, string> = {
      "deno.json": "",
      "deno.jsonc": "",
      "lib/unused.ts": await hashFile(join(root, "lib", "unused.ts")),
      "stages/x.ts": await hashFile(join(root, "stages", "x.ts")),
    };
    await Deno.mkdir(join(root, ".repro"));
    await Deno.writeTextFile(
      join(root, CODE_DEPS_FILE),
      JSON.stringify({
        version: 1,
        scripts: { "stages/x.ts": { modules: ["lib/unused.ts", "stages/x.ts"], hashes } },
      }),
    );
    assert.deepEqual(await findCodeDeps(root, ["deno run -A stages/x.ts"]), [
      "lib/unused.ts",
      "stages/x.ts",
    ]);
  });
});

Deno.test("editing an imported module to import another finds the new module", async () => {
  await withRepo(async (root) => {
    await findCodeDeps(root, ["deno run -A stages/x.ts"]);
    await Deno.writeTextFile(join(root, "lib", "c.ts"), "export const c = 1;\n");
    await Deno.writeTextFile(
      join(root, "lib", "b.ts"),
      'import { c } from "./c.ts";\nexport const b = `b${c}`;\n',
    );
    assert.deepEqual(await findCodeDeps(root, ["deno run -A stages/x.ts"]), [
      "lib/a.ts",
      "lib/b.ts",
      "lib/c.ts",
      "stages/x.ts",
    ]);
  });
});

Deno.test("code deps of several commands are merged without duplicates", async () => {
  await withRepo(async (root) => {
    await Deno.writeTextFile(join(root, "stages", "y.ts"), 'import "../lib/b.ts";\n');
    assert.deepEqual(
      await findCodeDeps(root, ["deno run stages/y.ts", "deno run -A stages/x.ts"]),
      ["lib/a.ts", "lib/b.ts", "stages/x.ts", "stages/y.ts"],
    );
  });
});

Deno.test("a script that does not exist is its own only code dep", async () => {
  await withRepo(async (root) => {
    assert.deepEqual(await findCodeDeps(root, ["deno run -A stages/missing.ts"]), [
      "stages/missing.ts",
    ]);
  });
});

Deno.test("an imported module that does not exist yet is listed, and found once created", async () => {
  await withRepo(async (root) => {
    await Deno.writeTextFile(join(root, "lib", "b.ts"), 'export { c as b } from "./c.ts";\n');
    const cmd = ["deno run -A stages/x.ts"];
    assert.deepEqual(await findCodeDeps(root, cmd), [
      "lib/a.ts",
      "lib/b.ts",
      "lib/c.ts",
      "stages/x.ts",
    ]);
    await Deno.writeTextFile(join(root, "lib", "c.ts"), 'import "./d.ts";\nexport const c = 1;\n');
    await Deno.writeTextFile(join(root, "lib", "d.ts"), "export {};\n");
    assert.deepEqual(await findCodeDeps(root, cmd), [
      "lib/a.ts",
      "lib/b.ts",
      "lib/c.ts",
      "lib/d.ts",
      "stages/x.ts",
    ]);
  });
});
