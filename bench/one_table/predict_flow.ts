/**
 * CSV rows to `/predict` as a client sends them: the server (`serve/main.ts`, what `deno task
 * serve` runs) on 127.0.0.1 with a free port over the copy's registry, one POST per held-back
 * row whose JSON body is that row's cells as the file spells them, counted by status.
 */
import { join } from "node:path";
import { rocAuc } from "../../lib/model/metrics/mod.ts";
import { countIssues, type RowIssue, summariseIssueCounts } from "./issue_summary.ts";

/** What posting the held-back rows gave. */
export interface PredictFlowResult {
  rows: number;
  ok: number;
  /** Rows answered with any status but 200. */
  rejected: number;
  /** Responses with a 5xx status (the API promises none). */
  serverErrors: number;
  /** Statuses seen, and why rows were refused (one line per rule). */
  statuses: Record<string, number>;
  commonIssues: string[];
  /** AUC of the returned probabilities, only when every row got one. */
  auc: number | undefined;
}

const START_TIMEOUT_MS = 120_000;
const REQUEST_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;

/** Starts the server in `repo`, posts every record to /predict, stops the server. */
export async function runPredictFlow(
  repo: string,
  records: Record<string, string>[],
  labels: number[],
  workDir: string,
): Promise<PredictFlowResult> {
  const server = await startServer(repo, workDir);
  try {
    return await postRows(server.url, records, labels);
  } finally {
    await server.stop();
  }
}

interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

async function startServer(repo: string, workDir: string): Promise<RunningServer> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "serve/main.ts",
      "--host",
      "127.0.0.1",
      "--port",
      "0",
      "--registry",
      "data/registry",
      "--log-db",
      join(workDir, "inference_log.db"),
      "--no-watch",
      "--no-access-log",
    ],
    cwd: repo,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const log = await Deno.open(join(workDir, "serve.log"), { write: true, create: true });
  const lines = readLines(child.stderr, log);
  const stop = async () => {
    try {
      child.kill("SIGTERM");
    } catch {
      // already exited
    }
    const timer = setTimeout(() => {
      try {
        child.kill("SIGKILL");
      } catch {
        // already exited
      }
    }, STOP_TIMEOUT_MS);
    await child.status;
    clearTimeout(timer);
    await lines.drained;
    log.close();
  };
  const url = await lines.listening.catch(async (error) => {
    await stop();
    throw error;
  });
  return { url, stop };
}

// Copies the server's stderr to the log and resolves with its URL once it says it listens.
function readLines(stream: ReadableStream<Uint8Array>, log: Deno.FsFile) {
  let resolveUrl: (url: string) => void = () => {};
  let rejectUrl: (error: Error) => void = () => {};
  const listening = new Promise<string>((resolve, reject) => {
    resolveUrl = resolve;
    rejectUrl = reject;
  });
  const timer = setTimeout(
    () => rejectUrl(new Error(`Server did not listen within ${START_TIMEOUT_MS} ms`)),
    START_TIMEOUT_MS,
  );
  const drained = (async () => {
    let seen = "";
    for await (const text of stream.pipeThrough(new TextDecoderStream())) {
      await log.write(new TextEncoder().encode(text));
      if (seen.length < 100_000) seen += text;
      const match = seen.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) resolveUrl(match[1]);
    }
    clearTimeout(timer);
    rejectUrl(new Error(`Server exited before listening: ${seen.trim().split("\n").at(-1)}`));
  })();
  return { listening: listening.finally(() => clearTimeout(timer)), drained };
}

async function postRows(
  url: string,
  records: Record<string, string>[],
  labels: number[],
): Promise<PredictFlowResult> {
  const statuses: Record<string, number> = {};
  const issues: RowIssue[] = [];
  const probabilities: number[] = [];
  let ok = 0;
  let serverErrors = 0;
  for (const [i, record] of records.entries()) {
    const response = await fetch(`${url}/predict`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(record),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = await response.json().catch(() => ({}));
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    if (response.status >= 500) serverErrors++;
    if (response.status === 200 && typeof body.probability === "number") {
      ok++;
      probabilities.push(body.probability);
      continue;
    }
    const listed = Array.isArray(body.issues) ? body.issues : [];
    if (listed.length === 0) {
      issues.push({ row: i + 1, field: String(body.error ?? ""), rule: `${response.status}` });
    }
    for (const issue of listed) issues.push({ row: i + 1, field: issue.field, rule: issue.rule });
  }
  return {
    rows: records.length,
    ok,
    rejected: records.length - ok,
    serverErrors,
    statuses,
    commonIssues: summariseIssueCounts(countIssues(issues)),
    auc: ok === records.length ? rocAuc(probabilities, labels) : undefined,
  };
}
