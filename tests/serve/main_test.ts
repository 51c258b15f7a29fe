import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { LOG_TABLE } from "../../lib/inference_log/mod.ts";
import { servingFixture } from "../scoring/serving_fixture.ts";
import { splitLines, waitForLine } from "../process_lines.ts";

const MAIN = new URL("../../serve/main.ts", import.meta.url).pathname;

const waitFor = waitForLine;

Deno.test("serve/main.ts scores over a socket, follows a promotion and flushes the log on SIGTERM", async () => {
  const fixture = await servingFixture({ fresh: true });
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-serve-main-" });
  const logDb = join(dir, "log.db");
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "--port", "0", "--registry", fixture.registry, "--log-db", logDb],
    stdout: "null",
    stderr: "piped",
    env: { RISKPIPE_ADMIN_TOKEN: "" },
  }).spawn();
  const seen: string[] = [];
  const lines = splitLines(child.stderr);
  try {
    const [, port] = await waitFor(lines, /listening on http:\/\/[^:]+:(\d+)/, seen);
    const rows = fixture.testRows.slice(0, 25);
    const res = await fetch(`http://127.0.0.1:${port}/predict/batch`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rows }),
    });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).predictions.length, 25);
    const promoted = await fixture.registerAgain({ names: ["ok", "risky"], thresholds: [0.1] });
    await waitFor(lines, new RegExp(`now serving ${promoted}`), seen);
    const health = await (await fetch(`http://127.0.0.1:${port}/health`)).json();
    assert.equal(health.modelVersion, promoted);
    child.kill("SIGTERM");
    await waitFor(lines, /stopped \(log: 25 written, 0 dropped\)/, seen);
    for await (const _ of { [Symbol.asyncIterator]: () => lines }) {
      // Drain the rest of stderr so the process can exit.
    }
    assert.equal((await child.status).code, 0);
    const db = new DatabaseSync(logDb);
    const { n } = db.prepare(`SELECT count(*) AS n FROM ${LOG_TABLE}`).get() as { n: number };
    db.close();
    assert.equal(n, 25);
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
