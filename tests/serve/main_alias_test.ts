import assert from "node:assert/strict";
import { join } from "node:path";
import { resolveAlias, setAlias } from "../../lib/registry/mod.ts";
import { servingFixture } from "../scoring/serving_fixture.ts";
import { splitLines, waitForLine } from "../process_lines.ts";
import { readServeOptions } from "../../serve/options.ts";

const MAIN = new URL("../../serve/main.ts", import.meta.url).pathname;

const waitFor = waitForLine;

Deno.test("serve --alias challenger serves and follows @challenger, not @champion", async () => {
  const fixture = await servingFixture({ fresh: true });
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-serve-alias-" });
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      MAIN,
      "--port",
      "0",
      "--registry",
      fixture.registry,
      "--log-db",
      join(dir, "log.db"),
      "--alias",
      "challenger",
      "--poll-ms",
      "50",
      "--no-access-log",
    ],
    stdout: "null",
    stderr: "piped",
    env: { RISKPIPE_ADMIN_TOKEN: "" },
  }).spawn();
  const seen: string[] = [];
  const lines = splitLines(child.stderr);
  try {
    await waitFor(lines, /@challenger of .* names no version/, seen);
    const [, port] = await waitFor(lines, /listening on http:\/\/[^:]+:(\d+)/, seen);
    const first = (await resolveAlias(fixture.registry, "champion"))!;
    const second = await fixture.registerAgain({ names: ["ok", "risky"], thresholds: [0.1] });
    assert.equal(await resolveAlias(fixture.registry, "champion"), second);
    await setAlias(fixture.registry, "challenger", first, { reason: "shadow the old one" });
    await waitFor(lines, new RegExp(`now serving ${first}$`), seen);
    const health = await (await fetch(`http://127.0.0.1:${port}/health`)).json();
    assert.equal(health.modelVersion, first);
    await setAlias(fixture.registry, "challenger", second, { reason: "try the new one" });
    await waitFor(lines, new RegExp(`now serving ${second}$`), seen);
    child.kill("SIGTERM");
    await waitFor(lines, /stopped \(log: 0 written, 0 dropped\)/, seen);
    for await (const _ of { [Symbol.asyncIterator]: () => lines }) {
      // Drain the rest of stderr so the process can exit.
    }
    assert.equal((await child.status).code, 0);
  } finally {
    try {
      child.kill("SIGKILL");
    } catch {
      // Already exited.
    }
    await child.status;
    await Deno.remove(dir, { recursive: true });
    await fixture.dispose();
  }
});

Deno.test("serve's alias: champion by default, --alias over RISKPIPE_SERVE_ALIAS, names checked", () => {
  const env = (vars: Record<string, string>) => (name: string) => vars[name];
  assert.equal(readServeOptions([], env({})).alias, "champion");
  assert.equal(
    readServeOptions([], env({ RISKPIPE_SERVE_ALIAS: "challenger" })).alias,
    "challenger",
  );
  assert.equal(
    readServeOptions(["--alias", "@blue"], env({ RISKPIPE_SERVE_ALIAS: "challenger" })).alias,
    "blue",
  );
  assert.throws(() => readServeOptions(["--alias", "Prod"], env({})), {
    name: "UsageError",
    message: 'Invalid --alias (or RISKPIPE_SERVE_ALIAS) "Prod": must be lowercase letters, ' +
      'digits, "_" or "-", starting with a letter',
  });
});
