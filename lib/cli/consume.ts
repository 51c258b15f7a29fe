/**
 * `deno task consume`: the durable JetStream pull consumer that writes the server's
 * published scored rows and outcomes into the PostgreSQL log (NATS_URL, DATABASE_URL),
 * acknowledging each batch only after its write committed; a redelivered message is
 * written once. Runs until SIGINT/SIGTERM, or with --until-idle until the stream is drained.
 */
import { parseArgs, UsageError } from "./args.ts";
import { runEntry } from "./entry.ts";
import { consumeToPostgres, DEFAULT_DURABLE } from "../stream/consumer.ts";

/** Usage text of `consume`. */
export const CONSUME_USAGE = `Usage: deno task consume [options]
  --durable NAME    durable consumer name (default ${DEFAULT_DURABLE}); replicas share it
  --batch N         most messages per fetch and write (default 50, up to 100 events each)
  --until-idle      stop once a fetch finds nothing (drain the stream, then exit); gives up
                    after 8 failed fetches or writes in a row (exit 1)
  -h, --help        print this help
env: NATS_URL (the server's, e.g. nats://127.0.0.1:4222) and DATABASE_URL (the PostgreSQL log)
Exit code 0 when stopped (by a signal, or idle with --until-idle); 1 when a message was
not an event or an outcome could not be joined; 2 on a usage error.`;

/** Runs the consume command; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(CONSUME_USAGE);
    return 0;
  }
  const flags = parseArgs("consume", args, {
    booleans: ["until-idle"],
    strings: ["durable", "batch"],
  });
  if (flags.positional.length > 0) {
    throw new UsageError(`Unexpected argument for consume: ${flags.positional[0]}`);
  }
  const natsUrl = Deno.env.get("NATS_URL");
  if (!natsUrl) throw new UsageError("Env NATS_URL is required (nats://host:port)");
  const databaseUrl = Deno.env.get("DATABASE_URL");
  if (!databaseUrl) throw new UsageError("Env DATABASE_URL is required (the PostgreSQL log)");
  const batchText = flags.strings.get("batch") ?? "50";
  const batch = Number(batchText);
  if (!Number.isInteger(batch) || batch < 1) {
    throw new UsageError(`Flag --batch must be a whole number ≥ 1, got "${batchText}"`);
  }
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  Deno.addSignalListener("SIGINT", onSignal);
  Deno.addSignalListener("SIGTERM", onSignal);
  try {
    const stats = await consumeToPostgres({
      natsUrl,
      databaseUrl,
      durable: flags.strings.get("durable"),
      batch,
      untilIdle: flags.booleans.has("until-idle"),
      signal: stop.signal,
    });
    console.log(
      `consume: ${stats.scored} scored rows and ${stats.outcomes} outcomes written, ` +
        `${stats.duplicates} duplicates skipped, ${stats.rejected} outcomes rejected, ` +
        `${stats.bad} bad messages, ${stats.failures} retried failures`,
    );
    return stats.bad + stats.rejected > 0 ? 1 : 0;
  } finally {
    Deno.removeSignalListener("SIGINT", onSignal);
    Deno.removeSignalListener("SIGTERM", onSignal);
  }
}

if (import.meta.main) await runEntry(main, { failurePrefix: "consume: " });
