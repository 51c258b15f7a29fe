import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { readVersion, resolveAlias, setAlias } from "../../lib/registry/mod.ts";
import { servingFixture } from "../scoring/serving_fixture.ts";
import { CHALLENGER_TIERS } from "./release_harness.ts";
import { failedStart, startServe } from "./serve_process.ts";

const REGISTRY_CLI = new URL("../../lib/cli/registry.ts", import.meta.url).pathname;
const TOKEN = "release-test-token";

/**
 * `clients` loops of sequential /predict calls, each until `switched` has resolved and
 * 20 more answers came, at most `maxRequests` each; every status and version.
 */
async function load(
  base: string,
  rows: Record<string, unknown>[],
  clients: number,
  maxRequests: number,
  switched: Promise<unknown>,
  onProgress: (done: number) => void = () => {},
): Promise<{ statuses: number[]; versions: string[] }> {
  const statuses: number[] = [];
  const versions: string[] = [];
  let after = -1;
  switched.then(() => after = statuses.length);
  const requests = maxRequests;
  await Promise.all(Array.from({ length: clients }, async (_, client) => {
    for (let i = 0; i < requests; i++) {
      if (after >= 0 && statuses.length >= after + 20) break;
      const res = await fetch(`${base}/predict`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(rows[(client * requests + i) % rows.length]),
      });
      statuses.push(res.status);
      const body = await res.json();
      if (res.status === 200) versions.push(body.modelVersion);
      onProgress(statuses.length);
    }
  }));
  return { statuses, versions };
}

Deno.test("serve refuses to start on a canary weight outside 0 to 100, naming the param", async () => {
  const fixture = await servingFixture();
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, "release.yaml"), "mode: canary\nweight: 140\n");
    const { code, stderr } = await failedStart([
      "--registry",
      fixture.registry,
      "--log-db",
      join(dir, "log.db"),
      "--release",
      join(dir, "release.yaml"),
    ]);
    assert.equal(code, 1);
    assert.match(
      stderr,
      /serve: cannot start: Invalid release policy: serve\.release\.weight: must be 0 to 100 \(in .*release\.yaml\)/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("serve refuses to start when the challenger alias names no version", async () => {
  const fixture = await servingFixture();
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, "release.json"), '{"mode": "shadow"}');
    const { code, stderr } = await failedStart([
      "--registry",
      fixture.registry,
      "--log-db",
      join(dir, "log.db"),
      "--release",
      join(dir, "release.json"),
    ]);
    assert.equal(code, 1);
    assert.match(
      stderr,
      /serve: cannot start: Invalid serve\.release\.challenger "@challenger": the alias names no version/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("blue-green: rollbacks by the CLI and the admin API under load fail no request", async () => {
  const fixture = await servingFixture({ fresh: true });
  const dir = await Deno.makeTempDir();
  const blue = (await resolveAlias(fixture.registry, "champion"))!;
  const green = await fixture.registerAgain(CHALLENGER_TIERS);
  const server = await startServe([
    "--registry",
    fixture.registry,
    "--log-db",
    join(dir, "log.db"),
    "--poll-ms",
    "50",
  ], { RISKPIPE_ADMIN_TOKEN: TOKEN });
  try {
    assert.equal((await (await fetch(`${server.base}/health`)).json()).modelVersion, green);
    // 1. `deno task registry rollback` while 4 clients send 40 requests each.
    let cli: Promise<Deno.CommandOutput> | undefined;
    const toBlue = server.waitFor(new RegExp(`now serving ${blue}$`));
    const first = await load(server.base, fixture.testRows, 4, 2000, toBlue, (done) => {
      if (done >= 20 && cli === undefined) {
        cli = new Deno.Command(Deno.execPath(), {
          args: ["run", "-A", REGISTRY_CLI, "rollback", "--registry", fixture.registry],
          stdout: "piped",
          stderr: "piped",
        }).output();
      }
    });
    const rolled = await cli!;
    assert.equal(rolled.code, 0, new TextDecoder().decode(rolled.stderr));
    await toBlue;
    assert.deepEqual(first.statuses.filter((s) => s !== 200), []);
    assert.deepEqual([...new Set(first.versions)].sort(), [blue, green].sort());
    assert.equal((await (await fetch(`${server.base}/health`)).json()).modelVersion, blue);

    // 2. POST /admin/rollback (back to green) while the same load runs.
    let admin: Promise<Response> | undefined;
    let answered!: () => void;
    const rolledBack = new Promise<void>((resolve) => answered = resolve);
    const second = await load(server.base, fixture.testRows, 4, 2000, rolledBack, (done) => {
      if (done >= 20 && admin === undefined) {
        admin = fetch(`${server.base}/admin/rollback`, {
          method: "POST",
          headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
          body: JSON.stringify({ reason: "blue-green test" }),
        });
        admin.then(() => answered());
      }
    });
    const answer = await admin!;
    assert.equal(answer.status, 200);
    assert.deepEqual(await answer.json(), {
      alias: "champion",
      from: blue,
      to: green,
      serving: green,
    });
    assert.deepEqual(second.statuses.filter((s) => s !== 200), []);
    assert.deepEqual([...new Set(second.versions)].sort(), [blue, green].sort());
    // Answers after the rollback's own answer all come from green.
    assert.equal(second.versions.at(-1), green);
    const after = await (await fetch(`${server.base}/predict`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(fixture.testRows[0]),
    })).json();
    assert.equal(after.modelVersion, green);
  } finally {
    assert.equal(await server.stop(), 0);
    await Deno.remove(dir, { recursive: true });
    await fixture.dispose();
  }
});

Deno.test("a served shadow release logs both rows of a pair to SQLite and follows @challenger", async () => {
  const fixture = await servingFixture({ fresh: true });
  const dir = await Deno.makeTempDir();
  const champion = (await resolveAlias(fixture.registry, "champion"))!;
  const challenger = await fixture.registerAgain(CHALLENGER_TIERS, "Staging");
  await Deno.writeTextFile(join(dir, "release.yaml"), "mode: shadow\nchallenger: '@challenger'\n");
  const logDb = join(dir, "log.db");
  const server = await startServe([
    "--registry",
    fixture.registry,
    "--log-db",
    logDb,
    "--poll-ms",
    "50",
    "--release",
    join(dir, "release.yaml"),
  ]);
  let stopped = false;
  try {
    assert.ok(
      server.lines.some((l) =>
        l === `serve: release shadow, challenger ${challenger} (@challenger)`
      ),
    );
    const res = await fetch(`${server.base}/predict`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(fixture.testRows[0]),
    });
    const { requestId, modelVersion } = await res.json();
    assert.equal(modelVersion, champion);
    // @challenger moves to the champion's version: the server follows it.
    await setAlias(fixture.registry, "challenger", champion, {
      reason: "shadow the champion itself",
    });
    await server.waitFor(new RegExp(`challenger now ${champion}$`));
    const health = await (await fetch(`${server.base}/health`)).json();
    assert.equal(health.release.challenger.version, champion);
    assert.equal(await server.stop(), 0);
    stopped = true;
    const db = new DatabaseSync(logDb);
    const rows = db.prepare("select model_version, pair_id from inference_log order by id").all();
    db.close();
    assert.deepEqual(rows.map((r) => [r.model_version, r.pair_id]), [
      [champion, requestId],
      [challenger, requestId],
    ]);
  } finally {
    if (!stopped) await server.stop();
    await Deno.remove(dir, { recursive: true });
    await fixture.dispose();
  }
});

Deno.test("a challenger that fails to load leaves the served champion alone and /health says why", async () => {
  const fixture = await servingFixture({ fresh: true });
  const dir = await Deno.makeTempDir();
  const champion = (await resolveAlias(fixture.registry, "champion"))!;
  const challenger = await fixture.registerAgain(CHALLENGER_TIERS, "Staging");
  // A changed byte in the challenger's ONNX file: its checksum no longer matches.
  const onnx = join((await readVersion(fixture.registry, challenger)).dir, "model.onnx");
  const bytes = await Deno.readFile(onnx);
  bytes[bytes.length - 1] ^= 0xff;
  await Deno.writeFile(onnx, bytes);
  await Deno.writeTextFile(join(dir, "release.yaml"), "mode: canary\nweight: 100\n");
  const server = await startServe([
    "--registry",
    fixture.registry,
    "--log-db",
    join(dir, "log.db"),
    "--release",
    join(dir, "release.yaml"),
  ]);
  try {
    assert.ok(
      server.lines.some((l) =>
        l.startsWith("serve: release canary 100%, but challenger @challenger failed to load")
      ),
      server.lines.join("\n"),
    );
    const answer = await (await fetch(`${server.base}/predict`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(fixture.testRows[0]),
    })).json();
    assert.equal(answer.modelVersion, champion);
    const health = await fetch(`${server.base}/health`);
    assert.equal(health.status, 200);
    const { release } = await health.json();
    assert.equal(release.challenger.version, null);
    assert.match(release.challenger.lastReloadError, /model\.onnx/);
  } finally {
    assert.equal(await server.stop(), 0);
    await Deno.remove(dir, { recursive: true });
    await fixture.dispose();
  }
});
