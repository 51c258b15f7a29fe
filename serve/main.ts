/**
 * Entry point of the scoring server (`deno task serve`): serves the version the
 * registry's @champion alias names (or `--alias`), logs to SQLite (PostgreSQL when
 * DATABASE_URL is set), reloads when the alias moves, writes an access-log line per request to stdout,
 * and on SIGINT/SIGTERM stops accepting, lets in-flight requests finish and flushes the
 * logs. Flags, env vars and defaults: serve/options.ts (`deno task serve --help`).
 */
import { runEntry } from "../lib/cli/entry.ts";
import { versionLine } from "../lib/cli/version.ts";
import { openLogStore, openOutcomeStore } from "../lib/inference_log/mod.ts";
import { resolveAlias } from "../lib/registry/mod.ts";
// The files, not lib/scoring/mod.ts, which would also load batch scoring of files.
import { createLiveModel } from "../lib/scoring/live_model.ts";
import { loadServingModel } from "../lib/scoring/model.ts";
import { watchRegistry } from "../lib/registry/mod.ts";
import { createLineWriter } from "./access_log_writer.ts";
import { createApp, shadowQueueOf } from "./app.ts";
import { startRelease } from "./release/start.ts";
import { readServeOptions, SERVE_USAGE } from "./options.ts";

async function main(args: string[]): Promise<void> {
  const options = readServeOptions(args, (name) => Deno.env.get(name));
  if (options.help) {
    console.log(SERVE_USAGE);
    return;
  }
  if (options.version) {
    console.log(versionLine());
    return;
  }
  const { registry, alias, databaseUrl, sqlitePath, natsUrl } = options;

  const live = createLiveModel({
    productionVersion: () => resolveAlias(registry, alias),
    load: (version) => loadServingModel(registry, version),
  });
  const first = await live.reload();
  console.error(
    first.version === undefined
      ? `serve: @${alias} of ${registry} names no version; /predict answers 503 until it does`
      : `serve: ${first.version} (@${alias}) from ${registry}`,
  );
  const release = await startRelease(registry, options.release);
  console.error(`serve: release ${release.summary}`);
  const challenger = release.challenger;
  const log = await openLogStore({ databaseUrl, sqlitePath });
  console.error(`serve: inference log in ${databaseUrl ? "PostgreSQL" : sqlitePath}`);
  const outcomeStore = await openOutcomeStore({ databaseUrl, sqlitePath });
  // With NATS_URL both are also published to JetStream (lib/stream/), its client loaded only then.
  const streamed = natsUrl === undefined
    ? undefined
    : (await import("../lib/stream/serving.ts")).streamServerStores(log, outcomeStore, natsUrl);
  console.error(`serve: JetStream ${natsUrl === undefined ? "off" : `at ${natsUrl}`}`);
  const logStore = streamed?.logStore ?? log;
  const outcomes = streamed?.outcomes ?? outcomeStore;
  const stream = streamed?.stream;
  const accessLog = options.accessLog ? createLineWriter() : undefined;
  console.error(`serve: access log ${accessLog ? "on stdout" : "off"}`);
  const app = createApp({
    model: live,
    challenger,
    release: release.policy,
    registry,
    logStore,
    outcomes,
    adminToken: options.adminToken,
    driftDir: options.driftDir,
    maxBodyBytes: options.maxBodyBytes,
    maxBatchRows: options.maxBatchRows,
    accessLog: accessLog?.write,
  });
  const watcher = !options.watch ? undefined : watchRegistry(registry, async () => {
    try {
      const result = await live.reload();
      if (result.changed) console.error(`serve: now serving ${result.version ?? "nothing"}`);
    } catch (error) {
      console.error(`serve: reload failed, still serving ${live.current()?.version}: ${error}`);
    }
    if (challenger === undefined) return;
    const before = challenger.current()?.version;
    try {
      const result = await challenger.reload();
      if (result.changed) console.error(`serve: challenger now ${result.version ?? "none"}`);
    } catch (error) {
      console.error(`serve: challenger reload failed, still ${before ?? "none"}: ${error}`);
    }
  }, { pollMs: options.pollMs });

  const server = Deno.serve({
    port: options.port,
    hostname: options.hostname,
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
    // Shadow jobs of answered requests still log their rows.
    await shadowQueueOf(app).settled();
    await accessLog?.flush();
    await logStore.close();
    await outcomes.close();
    await stream?.close();
    await live.close();
    await challenger?.close();
    const stats = logStore.stats();
    const sent = stream?.stats();
    if (sent !== undefined) {
      console.error(`serve: JetStream: ${sent.written} published, ${sent.dropped} dropped`);
    }
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

// main returns when the server has finished; the signal handler that stopped it exits. A
// version that cannot be loaded (tampered, unsigned, unreadable) or a log that cannot be
// opened ends it in one line, no stack trace.
if (import.meta.main) await runEntry(main, { failurePrefix: "serve: cannot start: " });
