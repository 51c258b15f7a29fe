/**
 * The options of `deno task serve`: flags, the env vars behind them and their defaults.
 * Flags win over env; env wins over the defaults.
 */
import { parseArgs, UsageError } from "../lib/cli/args.ts";
import { DEFAULT_SQLITE_PATH } from "../lib/inference_log/mod.ts";
import { ALIAS_NAME } from "../lib/registry/aliases.ts";
import { SERVE_DEFAULTS } from "./defaults.ts";

/** Usage text of `serve`. */
export const SERVE_USAGE = `Usage: deno task serve [options]   (or deno run -A serve/main.ts …)

Serves the version the registry's @champion alias names (Production; --alias picks
another) over HTTP (see /docs), logs every scored row, reloads when the alias moves,
and on SIGINT/SIGTERM finishes in-flight requests and flushes the log.

  flag                   env                       default
  --port N               PORT                      ${SERVE_DEFAULTS.port}
      port to listen on (0 picks a free one)
  --host H               HOST                      ${SERVE_DEFAULTS.hostname}
      address to listen on
  --registry DIR         RISKPIPE_REGISTRY         ${SERVE_DEFAULTS.registry}
      model registry whose @champion version is served
  --alias NAME           RISKPIPE_SERVE_ALIAS      ${SERVE_DEFAULTS.alias}
      the registry alias whose version is served and followed
  --release FILE         RISKPIPE_RELEASE          (none: @champion alone)
      release policy (YAML/JSON: the policy, or a pipeline.yaml with params.serve.release):
      mode single | shadow | canary, challenger "@challenger" | "vNNNN", weight 0-100,
      sticky_by id (the version's key column) or a request field
  --log-db FILE          RISKPIPE_LOG_DB           ${DEFAULT_SQLITE_PATH}
      SQLite inference log (unused when DATABASE_URL is set)
  --drift-dir DIR        RISKPIPE_DRIFT_DIR        ${SERVE_DEFAULTS.driftDir}
      static drift site served at /drift/
  --max-body-bytes N     RISKPIPE_MAX_BODY_BYTES   ${SERVE_DEFAULTS.maxBodyBytes} (8 MiB)
      largest request body; larger ones get 413
  --max-batch-rows N     RISKPIPE_MAX_BATCH_ROWS   ${SERVE_DEFAULTS.maxBatchRows}
      largest /predict/batch; larger ones get 413
  --poll-ms N            RISKPIPE_POLL_MS          ${SERVE_DEFAULTS.pollMs}
      how often the registry is checked for a promotion
  --no-watch             RISKPIPE_WATCH=0          watching on
      do not reload on promotion (restart to change version)
  --no-access-log        RISKPIPE_ACCESS_LOG=0     access log on
      no access-log line per request (on: logfmt lines on stdout, buffered)
  -V, --version                                    print the riskpipe version
  -h, --help                                       print this help

  env only:
  DATABASE_URL           (unset)   PostgreSQL inference log instead of SQLite
  NATS_URL               (unset)   also publish scored rows and outcomes to NATS JetStream
  RISKPIPE_ADMIN_TOKEN   (unset)   bearer token that enables /admin/*; unset: /admin/* is 404

Exit codes: 0 stopped by a signal, 1 an error at start-up, 2 a usage error`;

/** Flags of `serve`. */
export const SERVE_FLAGS = {
  booleans: ["no-watch", "no-access-log", "help", "version"],
  strings: [
    "port",
    "host",
    "registry",
    "alias",
    "release",
    "log-db",
    "drift-dir",
    "max-body-bytes",
    "max-batch-rows",
    "poll-ms",
  ],
  aliases: { h: "help", V: "version" },
};

/** What serve/main.ts runs with. */
export interface ServeOptions {
  help: boolean;
  version: boolean;
  port: number;
  hostname: string;
  registry: string;
  /** The alias whose version is served (default champion). */
  alias: string;
  /** Release policy file (serve.release); undefined: the alias's version alone. */
  release: string | undefined;
  /** PostgreSQL log when set (wins over sqlitePath). */
  databaseUrl: string | undefined;
  /** NATS server(s) the log and outcomes are also published to (JetStream), when set. */
  natsUrl: string | undefined;
  sqlitePath: string;
  driftDir: string;
  maxBodyBytes: number;
  maxBatchRows: number;
  pollMs: number;
  watch: boolean;
  accessLog: boolean;
  adminToken: string | undefined;
}

/**
 * Reads the options from the arguments and an env lookup.
 * @example
 * const options = readServeOptions(Deno.args, (name) => Deno.env.get(name));
 */
export function readServeOptions(
  args: string[],
  env: (name: string) => string | undefined,
): ServeOptions {
  const flags = parseArgs("serve", args, SERVE_FLAGS);
  if (flags.positional.length > 0) {
    throw new UsageError(`Unexpected argument for serve: ${flags.positional[0]}`);
  }
  const value = (flag: string, name: string) => flags.strings.get(flag) ?? (env(name) || undefined);
  const int = (flag: string, name: string, fallback: number) =>
    wholeNumber(flag, name, value(flag, name), fallback);
  return {
    help: flags.booleans.has("help"),
    version: flags.booleans.has("version"),
    port: int("port", "PORT", SERVE_DEFAULTS.port),
    hostname: value("host", "HOST") ?? SERVE_DEFAULTS.hostname,
    registry: value("registry", "RISKPIPE_REGISTRY") ?? SERVE_DEFAULTS.registry,
    alias: aliasName(value("alias", "RISKPIPE_SERVE_ALIAS") ?? SERVE_DEFAULTS.alias),
    release: value("release", "RISKPIPE_RELEASE"),
    databaseUrl: env("DATABASE_URL") || undefined,
    natsUrl: env("NATS_URL") || undefined,
    sqlitePath: value("log-db", "RISKPIPE_LOG_DB") ?? DEFAULT_SQLITE_PATH,
    driftDir: value("drift-dir", "RISKPIPE_DRIFT_DIR") ?? SERVE_DEFAULTS.driftDir,
    maxBodyBytes: int("max-body-bytes", "RISKPIPE_MAX_BODY_BYTES", SERVE_DEFAULTS.maxBodyBytes),
    maxBatchRows: int("max-batch-rows", "RISKPIPE_MAX_BATCH_ROWS", SERVE_DEFAULTS.maxBatchRows),
    pollMs: int("poll-ms", "RISKPIPE_POLL_MS", SERVE_DEFAULTS.pollMs),
    watch: !flags.booleans.has("no-watch") && switchOn(env, "RISKPIPE_WATCH"),
    accessLog: !flags.booleans.has("no-access-log") && switchOn(env, "RISKPIPE_ACCESS_LOG"),
    adminToken: env("RISKPIPE_ADMIN_TOKEN") || undefined,
  };
}

function wholeNumber(flag: string, name: string, text: string | undefined, fallback: number) {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw new UsageError(
      `Invalid --${flag} (or ${name}) "${text}": must be a non-negative integer`,
    );
  }
  return value;
}

function aliasName(text: string): string {
  const bare = text.startsWith("@") ? text.slice(1) : text;
  if (!ALIAS_NAME.test(bare)) {
    throw new UsageError(
      `Invalid --alias (or RISKPIPE_SERVE_ALIAS) "${text}": must be lowercase letters, ` +
        `digits, "_" or "-", starting with a letter`,
    );
  }
  return bare;
}

/** An on/off env var: unset or empty is on; 0, false, off and no are off. */
function switchOn(env: (name: string) => string | undefined, name: string): boolean {
  const text = env(name)?.trim().toLowerCase();
  if (text === undefined || text === "" || ["1", "true", "on", "yes"].includes(text)) return true;
  if (["0", "false", "off", "no"].includes(text)) return false;
  throw new UsageError(`Invalid ${name} "${env(name)}": must be 0 or 1`);
}
