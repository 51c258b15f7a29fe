/**
 * Entry point of the scoring server (`deno task serve`): serves the registry's
 * Production version, logs to SQLite (PostgreSQL when DATABASE_URL is set), reloads
 * when another version is promoted, and on SIGINT/SIGTERM stops accepting, lets
 * in-flight requests finish and flushes the log.
 *
 *   deno run -A serve/main.ts [--port 8000] [--host 127.0.0.1] [--registry data/registry]
 *     [--log-db data/inference_log/log.db] [--drift-dir reports/drift] [--max-body-bytes N]
 *     [--max-batch-rows N] [--poll-ms 2000] [--no-watch]
 *
 * Env: PORT, HOST, RISKPIPE_REGISTRY, RISKPIPE_LOG_DB, DATABASE_URL, RISKPIPE_DRIFT_DIR,
 * RISKPIPE_ADMIN_TOKEN (enables /admin/*). Flags win over env.
 */
import { parseArgs, UsageError } from "../lib/cli/args.ts";
import { DEFAULT_SQLITE_PATH, openLogStore } from "../lib/inference_log/mod.ts";
import { productionVersion } from "../lib/registry/mod.ts";
import { createLiveModel, loadServingModel, watchRegistry } from "../lib/serving/mod.ts";
import { createApp } from "./app.ts";

const FLAGS = {
  booleans: ["no-watch", "help"],
  strings: [
    "port",
    "host",
    "registry",
    "log-db",
    "drift-dir",
    "max-body-bytes",
    "max-batch-rows",
    "poll-ms",
  ],
};

function positiveInt(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw new UsageError(`Invalid --${name} "${text}": must be a non-negative integer`);
  }
  return value;
}

async function main(args: string[]): Promise<void> {
  const flags = parseArgs("serve", args, FLAGS);
  if (flags.booleans.has("help")) {
    console.log("Usage: deno task serve [--port N] [--host H] [--registry DIR] [--log-db FILE]");
    return;
  }
  const opt = (flag: string, env: string) => flags.strings.get(flag) ?? Deno.env.get(env);
  const port = positiveInt("port", opt("port", "PORT"), 8000);
  const hostname = opt("host", "HOST") ?? "127.0.0.1";
  const registry = opt("registry", "RISKPIPE_REGISTRY") ?? "data/registry";
  const databaseUrl = Deno.env.get("DATABASE_URL") || undefined;
  const sqlitePath = opt("log-db", "RISKPIPE_LOG_DB") ?? DEFAULT_SQLITE_PATH;
  const driftDir = opt("drift-dir", "RISKPIPE_DRIFT_DIR") ?? "reports/drift";

  const live = createLiveModel({
    productionVersion: () => productionVersion(registry),
    load: (version) => loadServingModel(registry, version),
  });
  const first = await live.reload();
  console.error(
    first.version === undefined
      ? `serve: no version of ${registry} is in Production; /predict answers 503 until one is`
      : `serve: ${first.version} from ${registry}`,
  );
  const logStore = await openLogStore({ databaseUrl, sqlitePath });
  console.error(`serve: inference log in ${databaseUrl ? "PostgreSQL" : sqlitePath}`);
  const app = createApp({
    registry: live,
    logStore,
    adminToken: Deno.env.get("RISKPIPE_ADMIN_TOKEN") || undefined,
    driftDir,
    maxBodyBytes: positiveInt("max-body-bytes", flags.strings.get("max-body-bytes"), 8 << 20),
    maxBatchRows: positiveInt("max-batch-rows", flags.strings.get("max-batch-rows"), 1000),
  });
  const watcher = flags.booleans.has("no-watch") ? undefined : watchRegistry(registry, async () => {
    try {
      const result = await live.reload();
      if (result.changed) console.error(`serve: now serving ${result.version ?? "nothing"}`);
    } catch (error) {
      console.error(`serve: reload failed, still serving ${live.current()?.version}: ${error}`);
    }
  }, { pollMs: positiveInt("poll-ms", flags.strings.get("poll-ms"), 2000) });

  const server = Deno.serve({
    port,
    hostname,
    onListen: ({ hostname, port }) =>
      console.error(`serve: listening on http://${hostname}:${port}`),
  }, app.fetch);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`serve: ${signal}: finishing in-flight requests and flushing the log`);
    watcher?.close();
    await server.shutdown();
    await logStore.close();
    await live.close();
    const stats = logStore.stats();
    const lost = stats.lost > 0 ? `, ${stats.lost} lost` : "";
    console.error(
      `serve: stopped (log: ${stats.written} written, ${stats.dropped} dropped${lost})`,
    );
    // A log that is missing records is a failed stop, whatever else went well.
    const missing = stats.dropped + stats.lost;
    if (missing > 0) {
      console.error(
        `serve: ${stats.dropped} records of the inference log were dropped` +
          (stats.lost > 0 ? ` and ${stats.lost} lost with a deleted or replaced log file` : ""),
      );
    }
    Deno.exit(missing > 0 ? 1 : 0);
  };
  Deno.addSignalListener("SIGINT", () => stop("SIGINT"));
  Deno.addSignalListener("SIGTERM", () => stop("SIGTERM"));
  await server.finished;
}

if (import.meta.main) {
  try {
    await main(Deno.args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      Deno.exit(2);
    }
    // A version that cannot be loaded (tampered, unsigned, unreadable) or a log that
    // cannot be opened: one line, no stack trace.
    console.error(`serve: cannot start: ${error instanceof Error ? error.message : error}`);
    Deno.exit(1);
  }
}
