import assert from "node:assert/strict";
import { join } from "node:path";
import { productionVersion } from "../../lib/registry/mod.ts";
import { servingFixture } from "../scoring/serving_fixture.ts";
import { splitLines } from "../process_lines.ts";

const MAIN = new URL("../../serve/main.ts", import.meta.url).pathname;

Deno.test("serve/main.ts refuses a tampered artifact at startup in one line and exit code 1", async () => {
  const fixture = await servingFixture({ fresh: true });
  try {
    const version = await productionVersion(fixture.registry);
    const file = join(fixture.registry, "versions", version!, "model.json");
    await Deno.chmod(file, 0o644);
    await Deno.writeTextFile(file, " ", { append: true });
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", MAIN, "--port", "0", "--registry", fixture.registry, "--no-watch"],
      stdout: "null",
      stderr: "piped",
      env: { RISKPIPE_LOG_DB: join(fixture.root, "log.db") },
    }).output();
    const stderr = new TextDecoder().decode(out.stderr).trim();
    assert.equal(out.code, 1, stderr);
    assert.doesNotMatch(stderr, /\n\s+at |Uncaught/, stderr);
    assert.equal(stderr.split("\n").length, 1, stderr);
    assert.match(stderr, new RegExp(`Cannot load model ${version}: artifact "model.json"`));
  } finally {
    await fixture.dispose();
  }
});

Deno.test("serve/main.ts refuses an unsigned version when RISKPIPE_SIGNING_KEY is set, in one line", async () => {
  const fixture = await servingFixture();
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "--port", "0", "--registry", fixture.registry, "--no-watch"],
    stdout: "null",
    stderr: "piped",
    env: {
      RISKPIPE_LOG_DB: join(fixture.root, "unsigned-log.db"),
      RISKPIPE_SIGNING_KEY: "a key the fixture was never signed with!",
    },
  }).output();
  const stderr = new TextDecoder().decode(out.stderr).trim();
  assert.equal(out.code, 1, stderr);
  assert.match(stderr, /^serve: cannot start: Cannot load model v\d+: it is not signed/);
  assert.equal(stderr.split("\n").length, 1, stderr);
});

Deno.test("serve/main.ts exits non-zero and says how many records were dropped when the final flush fails", async () => {
  const fixture = await servingFixture();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "--port", "0", "--registry", fixture.registry, "--no-watch"],
    stdout: "null",
    stderr: "piped",
    // Nothing listens on port 1: every write of the log fails at once.
    env: { DATABASE_URL: "postgres://riskpipe:x@127.0.0.1:1/riskpipe", RISKPIPE_ADMIN_TOKEN: "" },
  }).spawn();
  const seen: string[] = [];
  try {
    const lines = splitLines(child.stderr);
    let port: string | undefined;
    // Read by hand: leaving a for-await loop would close the line iterator.
    while (port === undefined) {
      const { value, done } = await lines.next();
      if (done) break;
      seen.push(value);
      port = value.match(/listening on http:\/\/[^:]+:(\d+)/)?.[1];
    }
    assert.ok(port, seen.join("\n"));
    const res = await fetch(`http://127.0.0.1:${port}/predict/batch`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rows: fixture.testRows.slice(0, 7) }),
    });
    assert.equal(res.status, 200);
    await res.body?.cancel();
    child.kill("SIGTERM");
    for await (const line of { [Symbol.asyncIterator]: () => lines }) seen.push(line);
    const status = await child.status;
    assert.equal(status.code, 1, seen.join("\n"));
    assert.ok(
      seen.some((l) => /7 records of the inference log were dropped/.test(l)),
      seen.join("\n"),
    );
  } finally {
    try {
      child.kill("SIGKILL");
    } catch {
      // Already exited.
    }
    await child.status;
  }
});
