/**
 * A PostgreSQL restart under load: `serve/main.ts` runs as its own process with
 * DATABASE_URL, a bounded load of /predict and /predict/batch requests is driven at it,
 * and PostgreSQL is restarted (`pg_ctlcluster VERSION NAME restart`, fast shutdown)
 * mid-load. Afterwards the counts must reconcile: every scored row is in the table or
 * counted as dropped, per request id; no request failed. Needs RISKPIPE_TEST_DATABASE_URL
 * and RISKPIPE_TEST_PG_CLUSTER ("15 main"), which `.ci/postgres.sh` prints; runs as root.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { servingFixture } from "../scoring/serving_fixture.ts";

const url = Deno.env.get("RISKPIPE_TEST_DATABASE_URL");
const clusterText = Deno.env.get("RISKPIPE_TEST_PG_CLUSTER");
if (!url || clusterText?.split(" ").length !== 2) {
  throw new Error(
    'Cannot run the PostgreSQL restart test: RISKPIPE_TEST_DATABASE_URL and RISKPIPE_TEST_PG_CLUSTER must be set (run `eval "$(bash .ci/postgres.sh)"` first)',
  );
}
const databaseUrl: string = url;
const [pgVersion, pgCluster] = clusterText.split(" ");

/** Requests before the restart starts, and after PostgreSQL is back. */
const BEFORE = 400;
const AFTER = 400;
/** Bounds of the whole load, whatever the restart does. */
const MAX_REQUESTS = 30_000;
const MAX_LOAD_MS = 120_000;
const CONCURRENCY = 8;
/** Every BATCH_EVERY-th request is a batch of BATCH_ROWS rows. */
const BATCH_EVERY = 10;
const BATCH_ROWS = 5;

/** The server process and what it has written to stderr. */
interface Server {
  base: string;
  child: Deno.ChildProcess;
  stderr: string[];
  /** Sends SIGTERM and resolves with the exit code and the log counts it printed. */
  stop(): Promise<{ code: number; written: number; dropped: number }>;
}

async function startServer(registry: string, driftDir: string): Promise<Server> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "serve/main.ts",
      "--port",
      "0",
      "--host",
      "127.0.0.1",
      "--registry",
      registry,
      "--drift-dir",
      driftDir,
      "--no-watch",
    ],
    env: { DATABASE_URL: databaseUrl },
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const stderr: string[] = [];
  const { promise: base, resolve: listening } = Promise.withResolvers<string>();
  const reading = (async () => {
    let rest = "";
    for await (const text of child.stderr.pipeThrough(new TextDecoderStream())) {
      const lines = (rest + text).split("\n");
      rest = lines.pop()!;
      for (const line of lines) {
        stderr.push(line);
        const match = line.match(/listening on (http:\/\/\S+)/);
        if (match) listening(match[1]);
      }
    }
    if (rest !== "") stderr.push(rest);
  })();
  const exited = child.status.then(async (status) => {
    await reading;
    return status;
  });
  const started = await Promise.race([
    base,
    exited.then((s) => {
      throw new Error(`Server exited with ${s.code} before listening: ${stderr.join("\n")}`);
    }),
  ]);
  return {
    base: started,
    child,
    stderr,
    async stop() {
      child.kill("SIGTERM");
      const status = await exited;
      const line = stderr.find((l) => l.includes("serve: stopped"));
      const match = line?.match(/(\d+) written, (\d+) dropped/);
      if (!match) throw new Error(`Server printed no log counts: ${stderr.join("\n")}`);
      return { code: status.code, written: Number(match[1]), dropped: Number(match[2]) };
    },
  };
}

/** What the load saw: rows scored per request id, and every answer that was not 200. */
interface Load {
  requests: number;
  rowsScored: number;
  scoredById: Map<string, number>;
  failures: string[];
  duringRestart: number;
  restartMs: number;
}

async function driveLoad(base: string, rows: Record<string, unknown>[]): Promise<Load> {
  const load: Load = {
    requests: 0,
    rowsScored: 0,
    scoredById: new Map(),
    failures: [],
    duringRestart: 0,
    restartMs: 0,
  };
  const started = Date.now();
  let restart: Promise<void> | undefined;
  let restarted = false;
  let afterRestart = 0;
  const more = (): boolean => {
    if (load.requests >= MAX_REQUESTS || Date.now() - started > MAX_LOAD_MS) return false;
    if (restart === undefined) return true;
    return !restarted || afterRestart < AFTER;
  };
  const one = async (n: number): Promise<void> => {
    const batch = n % BATCH_EVERY === BATCH_EVERY - 1;
    const sent = batch
      ? Array.from({ length: BATCH_ROWS }, (_, k) => rows[(n + k) % rows.length])
      : [rows[n % rows.length]];
    const res = await fetch(`${base}${batch ? "/predict/batch" : "/predict"}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(batch ? { rows: sent } : sent[0]),
    });
    const body = await res.json();
    if (res.status !== 200) {
      load.failures.push(`request ${n}: ${res.status} ${JSON.stringify(body)}`);
      return;
    }
    const scored = batch ? body.predictions.length : 1;
    load.rowsScored += scored;
    load.scoredById.set(body.requestId, (load.scoredById.get(body.requestId) ?? 0) + scored);
  };
  const worker = async (): Promise<void> => {
    while (more()) {
      const n = load.requests++;
      if (restart !== undefined && !restarted) load.duringRestart += 1;
      if (restarted) afterRestart += 1;
      if (n === BEFORE) {
        const at = Date.now();
        restart = pgCtl("restart").then(() => {
          load.restartMs = Date.now() - at;
          restarted = true;
        });
      }
      await one(n);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (restart === undefined || !restarted) {
    await restart;
    throw new Error(
      `The load ended before PostgreSQL was back (${load.requests} requests in ${
        Date.now() - started
      } ms)`,
    );
  }
  return load;
}

async function pgCtl(action: "restart" | "start"): Promise<void> {
  const out = await new Deno.Command("pg_ctlcluster", { args: [pgVersion, pgCluster, action] })
    .output();
  if (!out.success) {
    throw new Error(
      `Cannot ${action} cluster ${pgVersion}/${pgCluster}: ${new TextDecoder().decode(out.stderr)}`,
    );
  }
}

Deno.test("a PostgreSQL restart under load loses no logged row and fails no request", async () => {
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin`drop table if exists inference_log`;
  await admin.end();
  const fixture = await servingFixture();
  const driftDir = await Deno.makeTempDir({ prefix: "riskpipe-pg-restart-" });
  const server = await startServer(fixture.registry, driftDir);
  let load: Load;
  let health: { written: number; dropped: number; failures: number; pending: number };
  let final: Awaited<ReturnType<Server["stop"]>>;
  try {
    load = await driveLoad(server.base, fixture.testRows);
    health = (await (await fetch(`${server.base}/health`)).json()).log;
  } finally {
    // SIGTERM flushes what is pending, so the table is final once the server is down.
    final = await server.stop();
    await Deno.remove(driftDir, { recursive: true });
    await fixture.dispose();
  }
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const inTable = await sql<{ request_id: string; n: string }[]>`
    select request_id, count(*) as n from inference_log group by request_id`;
  await sql.end();
  const tableById = new Map(inTable.map((r) => [r.request_id, Number(r.n)]));
  const tableRows = [...tableById.values()].reduce((a, b) => a + b, 0);
  let lost = 0;
  let duplicated = 0;
  for (const [id, scored] of load.scoredById) {
    const logged = tableById.get(id) ?? 0;
    lost += Math.max(0, scored - logged);
    duplicated += Math.max(0, logged - scored);
  }
  for (const [id, logged] of tableById) if (!load.scoredById.has(id)) duplicated += logged;
  console.log(
    `postgres restart: ${load.requests} requests (${load.duringRestart} during a ${load.restartMs} ms restart), ` +
      `${load.rowsScored} rows scored, ${tableRows} in the table, ${final.dropped} dropped, ` +
      `${lost} lost, ${duplicated} duplicated, ${health.failures} failed log writes (${health.pending} pending at the end of the load), ` +
      `${load.failures.length} failed requests`,
  );
  assert.deepEqual(load.failures, []);
  assert.equal(final.code, 0);
  assert.ok(health.failures >= 1, "the restart never reached the log: no write failed");
  assert.equal(load.rowsScored, final.written + final.dropped, "scored = written + dropped");
  assert.equal(tableRows, final.written, "rows in the table = rows the server wrote");
  assert.equal(lost, final.dropped, "every row missing from the table was counted as dropped");
  assert.equal(duplicated, 0);
  assert.equal(final.dropped, 0);
});
