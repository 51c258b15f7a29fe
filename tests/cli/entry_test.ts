import assert from "node:assert/strict";

const REPO = new URL("../../", import.meta.url).pathname;

async function run(args: string[], env: Record<string, string> = {}) {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-cli-" });
  try {
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--config",
        `${REPO}deno.json`,
        ...args.map((a) => a.replace("$DIR", dir)),
      ],
      cwd: dir,
      env: { NO_COLOR: "1", ...env },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(output.stderr).replaceAll(dir, "$DIR");
    return { code: output.code, stderr };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function assertNoStack(stderr: string): void {
  assert.doesNotMatch(stderr, /Uncaught/);
  assert.doesNotMatch(stderr, /^ {4}at /m);
}

Deno.test("serve failing at start prints the error in one line and exits 1", async () => {
  const result = await run([
    `${REPO}serve/main.ts`,
    "--registry",
    "$DIR/registry",
    "--log-db",
    "/proc/riskpipe-none/log.db",
    "--no-watch",
  ]);
  assertNoStack(result.stderr);
  assert.equal(
    result.stderr.split("\n").at(-2),
    "serve: cannot start: No such file or directory (os error 2): mkdir '/proc/riskpipe-none'",
  );
  assert.equal(result.code, 1);
});

Deno.test("a promise rejected outside main still prints one line", async () => {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-cli-" });
  try {
    await Deno.writeTextFile(
      `${dir}/stray.ts`,
      `import { runEntry } from "${REPO}lib/cli/entry.ts";\n` +
        `await runEntry(async () => {\n` +
        `  Promise.reject(new RangeError("stray rejection"));\n` +
        `  await new Promise((resolve) => setTimeout(resolve, 50));\n` +
        `  return 0;\n` +
        `});\n`,
    );
    const result = await run([`${dir}/stray.ts`]);
    assertNoStack(result.stderr);
    assert.equal(result.stderr, "stray rejection\n");
    assert.equal(result.code, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("RISKPIPE_DEBUG adds the stack to a CLI error", async () => {
  const result = await run([`${REPO}lib/cli/registry.ts`, "show", "v9", "--registry", "$DIR"], {
    RISKPIPE_DEBUG: "1",
  });
  assert.match(result.stderr, /^Cannot find model v9 in \$DIR\n/);
  assert.match(result.stderr, /^ {4}at /m);
  assert.equal(result.code, 1);
});
