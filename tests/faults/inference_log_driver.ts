/**
 * The inference log's fault trials against the real server (serve/main.ts in a child
 * process on 127.0.0.1): seeded /predict/batch load, then one fault — SIGTERM, SIGKILL,
 * the database deleted, or its disk full — and the counts reconciled afterwards:
 * rows scored (200 responses) = rows in the file + counted dropped + counted lost.
 * The CI run (tests/integration) and the opt-in long run (this folder) share it.
 */
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { LOG_TABLE } from "../../lib/inference_log/mod.ts";
import { createRng } from "../../lib/random/mod.ts";
import { splitLines } from "../process_lines.ts";

const MAIN = new URL("../../serve/main.ts", import.meta.url).pathname;

/** The faults a trial can inject. */
export type LogFault = "sigterm" | "sigkill" | "deleted" | "disk_full";

/** What one trial saw. */
export interface LogTrial {
  fault: LogFault;
  seed: number;
  /** Rows the server answered 200 for. */
  scored: number;
  /** Rows in the log database after the server stopped. */
  inFile: number;
  /** The server's own counts from its stop line (undefined after SIGKILL). */
  written?: number;
  dropped?: number;
  lost?: number;
  exitCode: number | null;
  /** `pragma integrity_check` of the database afterwards. */
  integrity: string;
  stderr: string[];
}

/** Options of one trial. */
export interface LogTrialOptions {
  registry: string;
  /** Raw request rows to send (cycled). */
  rows: Record<string, unknown>[];
  fault: LogFault;
  seed: number;
  /** Directory for the log database (a small tmpfs for disk_full). */
  dir: string;
  /** Batch requests sent in all (default 24). */
  requests?: number;
  /** Most rows in one request (default 100). */
  maxRowsPerRequest?: number;
}

/** Runs one trial; never throws for the fault itself, only for a broken harness. */
export async function runLogTrial(options: LogTrialOptions): Promise<LogTrial> {
  const rng = createRng(options.seed);
  const logDb = join(options.dir, "log.db");
  const requests = options.requests ?? 24;
  const maxRows = options.maxRowsPerRequest ?? 100;
  // The fault strikes after this many responses, with the rest still in flight or unsent.
  const strikeAfter = rng.int(Math.floor(requests / 3), Math.floor((2 * requests) / 3));
  const sizes = Array.from({ length: requests }, () => rng.int(1, maxRows));
  const server = await startServe(options.registry, logDb);
  let scored = 0;
  let answered = 0;
  let struck = false;
  const strike = async () => {
    if (struck) return;
    struck = true;
    if (options.fault === "sigkill") server.child.kill("SIGKILL");
    else if (options.fault === "deleted") {
      for (const suffix of ["", "-wal", "-shm"]) {
        await Deno.remove(logDb + suffix).catch(() => {});
      }
    } else if (options.fault === "sigterm") server.child.kill("SIGTERM");
  };
  // Four requests in flight at a time, like a handful of clients.
  let next = 0;
  const client = async () => {
    while (next < requests) {
      const i = next++;
      const body = {
        rows: Array.from(
          { length: sizes[i] },
          (_, k) => options.rows[(i * 7 + k) % options.rows.length],
        ),
      };
      try {
        const res = await fetch(`http://127.0.0.1:${server.port}/predict/batch`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        if (res.status === 200) {
          // Read first: `scored += await …` would add to the value read before the await.
          const n = (await res.json()).predictions.length;
          scored += n;
        } else await res.body?.cancel();
      } catch {
        // Refused or reset after the fault: not scored.
      }
      answered++;
      if (answered === strikeAfter) await strike();
    }
  };
  await Promise.all([client(), client(), client(), client()]);
  await strike();
  // Deleted and full-disk trials end with a graceful stop, as an operator would.
  if (options.fault === "deleted" || options.fault === "disk_full") server.child.kill("SIGTERM");
  const { code } = await server.child.status;
  const stderr = await server.rest;
  const stop = stderr.map((l) =>
    l.match(/stopped \(log: (\d+) written, (\d+) dropped(?:, (\d+) lost)?\)/)
  )
    .find((m) => m !== null);
  const { inFile, integrity } = inspectDb(logDb);
  return {
    fault: options.fault,
    seed: options.seed,
    scored,
    inFile,
    written: stop ? Number(stop[1]) : undefined,
    dropped: stop ? Number(stop[2]) : undefined,
    lost: stop ? Number(stop[3] ?? 0) : undefined,
    exitCode: code,
    integrity,
    stderr,
  };
}

interface RunningServe {
  child: Deno.ChildProcess;
  port: string;
  /** Every stderr line, once the process has exited. */
  rest: Promise<string[]>;
}

async function startServe(registry: string, logDb: string): Promise<RunningServe> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "--port", "0", "--registry", registry, "--no-watch"],
    stdout: "null",
    stderr: "piped",
    env: { RISKPIPE_LOG_DB: logDb, RISKPIPE_ADMIN_TOKEN: "", DATABASE_URL: "" },
  }).spawn();
  const lines = splitLines(child.stderr);
  const seen: string[] = [];
  let port: string | undefined;
  while (port === undefined) {
    const { value, done } = await lines.next();
    if (done) throw new Error(`serve exited before listening:\n${seen.join("\n")}`);
    seen.push(value);
    port = value.match(/listening on http:\/\/[^:]+:(\d+)/)?.[1];
  }
  const rest = (async () => {
    while (true) {
      const { value, done } = await lines.next();
      if (done) return seen;
      seen.push(value);
    }
  })();
  return { child, port, rest };
}

/** Rows in the database and its integrity check ("ok"), or "absent" when there is none. */
function inspectDb(path: string): { inFile: number; integrity: string } {
  try {
    Deno.statSync(path);
  } catch {
    return { inFile: 0, integrity: "absent" };
  }
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const integrity = String(db.prepare("pragma integrity_check").get()?.integrity_check);
    const { n } = db.prepare(`select count(*) as n from ${LOG_TABLE}`).get() as { n: number };
    return { inFile: Number(n), integrity };
  } finally {
    db.close();
  }
}

/** Mounts a tmpfs of `sizeMb` at a new directory; undefined where that is not allowed. */
export async function mountSmallTmpfs(sizeMb: number): Promise<string | undefined> {
  if (Deno.uid() !== 0) return undefined;
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-full-disk-" });
  const { success } = await new Deno.Command("mount", {
    args: ["-t", "tmpfs", "-o", `size=${sizeMb}m`, "tmpfs", dir],
    stdout: "null",
    stderr: "null",
  }).output().catch(() => ({ success: false }));
  if (!success) {
    await Deno.remove(dir);
    return undefined;
  }
  return dir;
}

/** Unmounts and removes a directory made by {@link mountSmallTmpfs}. */
export async function unmountTmpfs(dir: string): Promise<void> {
  await new Deno.Command("umount", { args: [dir], stdout: "null", stderr: "null" }).output();
  await Deno.remove(dir, { recursive: true });
}

/**
 * The reconciliation each fault must satisfy; returns the broken rules (empty when
 * the trial reconciles).
 */
export function reconcile(t: LogTrial): string[] {
  const broken: string[] = [];
  const rule = (ok: boolean, text: string) => ok || broken.push(text);
  if (t.fault === "sigkill") {
    // Nothing counts past kill -9: what was committed is there, intact; what was still
    // buffered (at most a flush interval of traffic) is gone, and never more than scored.
    rule(t.integrity === "ok" || t.integrity === "absent", `integrity_check: ${t.integrity}`);
    rule(t.inFile <= t.scored, `rows in file ${t.inFile} > scored ${t.scored}`);
    return broken;
  }
  rule(t.integrity === "ok", `integrity_check: ${t.integrity}`);
  rule(t.written !== undefined, "no stop line with the log's counts");
  if (t.written === undefined) return broken;
  const dropped = t.dropped ?? 0;
  const lost = t.lost ?? 0;
  rule(
    t.scored === t.inFile + dropped + lost,
    `scored ${t.scored} ≠ in file ${t.inFile} + dropped ${dropped} + lost ${lost}`,
  );
  rule(t.inFile === t.written - lost, `in file ${t.inFile} ≠ written ${t.written} − lost ${lost}`);
  rule(
    t.exitCode === (dropped + lost > 0 ? 1 : 0),
    `exit code ${t.exitCode} with ${dropped} dropped and ${lost} lost`,
  );
  if (t.fault === "sigterm") rule(dropped + lost === 0, `a graceful stop lost ${dropped + lost}`);
  if (t.fault === "disk_full") rule(lost === 0, `lost ${lost} on a full disk`);
  return broken;
}
