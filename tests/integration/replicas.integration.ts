/**
 * Replicas: three `serve/main.ts` processes behind Debian's haproxy (the repo's
 * deploy/haproxy/riskpipe.cfg), sharing one registry directory and one PostgreSQL
 * inference log. A new champion is promoted by `deno task registry promote` mid-load:
 * no request fails, every answered request is logged exactly once, and every replica
 * serves the new version within a few seconds. Needs RISKPIPE_TEST_DATABASE_URL
 * (`.ci/postgres.sh`) and haproxy (`.ci/haproxy.sh`); the log lives in a private schema
 * dropped afterwards.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import postgres from "postgres";
import { resolveAlias } from "../../lib/registry/mod.ts";
import { servingFixture } from "../scoring/serving_fixture.ts";
import { CHALLENGER_TIERS } from "../serve/release_harness.ts";
import { type ServeProcess, startServe } from "../serve/serve_process.ts";
import { startHaproxy } from "./haproxy.ts";
import { freePort } from "./nats_server.ts";

const url = Deno.env.get("RISKPIPE_TEST_DATABASE_URL");
if (!url) {
  throw new Error(
    'Cannot run the replicas integration test: RISKPIPE_TEST_DATABASE_URL is not set (run `eval "$(bash .ci/postgres.sh)"` first)',
  );
}
const databaseUrl: string = url;

const REGISTRY_CLI = new URL("../../lib/cli/registry.ts", import.meta.url).pathname;
const CLIENTS = 6;
/** Answers each client waits for after every replica switched, at most. */
const AFTER_SWITCH = 60;
const MAX_REQUESTS = 3000;
const MAX_LOAD_MS = 25_000;
const SWITCH_WITHIN_MS = 5_000;

/** One answer seen through haproxy. */
interface Answer {
  status: number;
  requestId?: string;
  modelVersion?: string;
  replica?: string;
  error?: string;
}

/** `databaseUrl` with its own search_path: the replicas' tables land in `schema`. */
function inSchema(base: string, schema: string): string {
  const u = new URL(base);
  u.searchParams.set("search_path", schema);
  return u.toString();
}

/** Resolves with `promise`, or rejects after `ms` naming `what`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `CLIENTS` loops of sequential /predict calls through `base`, until `switched` has
 * resolved and AFTER_SWITCH more answers came; bounded by MAX_REQUESTS and MAX_LOAD_MS.
 */
async function load(
  base: string,
  rows: Record<string, unknown>[],
  switched: Promise<unknown>,
  onProgress: (done: number) => void,
): Promise<Answer[]> {
  const answers: Answer[] = [];
  let after = -1;
  switched.then(() => after = answers.length, () => after = answers.length);
  const deadline = Date.now() + MAX_LOAD_MS;
  await Promise.all(Array.from({ length: CLIENTS }, async (_, client) => {
    for (let i = 0; answers.length < MAX_REQUESTS && Date.now() < deadline; i++) {
      if (after >= 0 && answers.length >= after + AFTER_SWITCH) break;
      try {
        const res = await fetch(`${base}/predict`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(rows[(client * 97 + i) % rows.length]),
        });
        const body = await res.json();
        answers.push({
          status: res.status,
          requestId: body.requestId,
          modelVersion: body.modelVersion,
          replica: res.headers.get("x-riskpipe-replica") ?? undefined,
        });
      } catch (error) {
        answers.push({ status: 0, error: String(error) });
      }
      onProgress(answers.length);
    }
  }));
  return answers;
}

Deno.test("three replicas behind haproxy: a promotion under load fails nothing, logs each answer once, reaches every replica", async () => {
  const schema = `replicas_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create schema ${schema}`);
  const fixture = await servingFixture({ fresh: true });
  const dir = await Deno.makeTempDir();
  const replicas: ServeProcess[] = [];
  let proxy: Awaited<ReturnType<typeof startHaproxy>> | undefined;
  try {
    const blue = (await resolveAlias(fixture.registry, "champion"))!;
    const green = await fixture.registerAgain(CHALLENGER_TIERS, "Staging");
    replicas.push(
      ...await Promise.all([1, 2, 3].map((n) =>
        startServe([
          "--registry",
          fixture.registry,
          "--log-db",
          join(dir, `unused-${n}.db`),
          "--poll-ms",
          "100",
        ], { DATABASE_URL: inSchema(databaseUrl, schema) })
      )),
    );
    for (const replica of replicas) {
      assert.equal((await (await fetch(`${replica.base}/health`)).json()).modelVersion, blue);
    }
    proxy = await startHaproxy(freePort(), replicas.map((r) => new URL(r.base).host));

    let cli: Promise<Deno.CommandOutput> | undefined;
    const switches = replicas.map((r) => r.waitFor(new RegExp(`now serving ${green}$`)));
    const switched = Promise.all(switches);
    const answers = await load(proxy.base, fixture.testRows, switched, (done) => {
      if (done >= 30 && cli === undefined) {
        cli = new Deno.Command(Deno.execPath(), {
          args: [
            "run",
            "-A",
            REGISTRY_CLI,
            "promote",
            green,
            "Production",
            "--registry",
            fixture.registry,
          ],
          stdout: "piped",
          stderr: "piped",
        }).output();
      }
    });
    assert.ok(
      cli !== undefined,
      `the load ended after ${answers.length} answers, before the promotion`,
    );
    const promoted = await cli;
    assert.equal(promoted.code, 0, new TextDecoder().decode(promoted.stderr));
    await within(switched, SWITCH_WITHIN_MS, "every replica serving the new champion");

    // Zero failed requests, both versions answered, every replica took traffic.
    assert.deepEqual(answers.filter((a) => a.status !== 200), []);
    assert.deepEqual([...new Set(answers.map((a) => a.modelVersion))].sort(), [blue, green].sort());
    assert.equal(answers.at(-1)!.modelVersion, green);
    assert.deepEqual(
      [...new Set(answers.map((a) => a.replica))].sort(),
      ["replica1", "replica2", "replica3"],
    );
    // Each replica, asked directly, serves the new champion.
    for (const replica of replicas) {
      const health = await (await fetch(`${replica.base}/health`)).json();
      assert.equal(health.modelVersion, green, `${replica.base}/health`);
      // No write to the shared log failed (replicas creating its table at once collided).
      assert.deepEqual(
        [health.log.failures, health.log.dropped],
        [0, 0],
        `${replica.base}/health log`,
      );
    }

    await proxy.stop();
    proxy = undefined;
    // Stopping flushes each replica's log; a replica that lost records exits non-zero.
    for (const replica of replicas.splice(0)) assert.equal(await replica.stop(), 0);

    const logged = await admin.unsafe(
      `select request_id, count(*)::int as n, min(model_version) as version
       from ${schema}.inference_log group by request_id`,
    );
    const byId = new Map(logged.map((row) => [String(row.request_id), row]));
    assert.equal(byId.size, answers.length, "logged request ids vs answered requests");
    for (const answer of answers) {
      const row = byId.get(answer.requestId!);
      assert.ok(row, `request ${answer.requestId} answered 200 but not logged`);
      assert.equal(row.n, 1, `request ${answer.requestId} logged ${row.n} times`);
      assert.equal(row.version, answer.modelVersion, `request ${answer.requestId}'s version`);
    }
  } finally {
    await proxy?.stop();
    for (const replica of replicas) await replica.stop();
    await admin.unsafe(`drop schema if exists ${schema} cascade`);
    await admin.end();
    await Deno.remove(dir, { recursive: true });
    await fixture.dispose();
  }
});
