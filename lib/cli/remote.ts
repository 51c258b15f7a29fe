/** `remote add|list|remove`: the remotes in repro.config.yaml (and its local override). */
import {
  addRemote,
  CONFIG_FILE,
  LOCAL_CONFIG_FILE,
  readRemotesConfig,
  redactUrl,
  removeRemote,
} from "../pipeline/remote/mod.ts";
import { parseArgs, UsageError } from "./args.ts";

/** Usage text of the remote command. */
export const REMOTE_USAGE = `Usage: deno task remote add NAME URL [--default] [--local] [--force]
       deno task remote list [--json]
       deno task remote remove NAME [--local]

Remotes for push and pull, kept in ${CONFIG_FILE} (commit it: the team shares it) or, with
--local, in ${LOCAL_CONFIG_FILE} (git-ignored: personal remotes, URLs with credentials),
which wins for a name both define and for the default.
URL: a folder (an absolute path, a path relative to the repo root, or file:///path), or a
WebDAV server (http:// or https://, optionally https://user:password@host/path).
  --default   make the added remote the default
  --local     write ${LOCAL_CONFIG_FILE} instead of ${CONFIG_FILE}
  --force     replace a remote of the same name
  --json      list as JSON
  -h, --help  print this help`;

/** Runs `remote <args…>` in the repo at root; returns the exit code. */
export async function main(args: string[], root: string): Promise<number> {
  const parsed = parseArgs("remote", args, {
    booleans: ["help", "default", "local", "force", "json"],
    aliases: { h: "help" },
  });
  if (parsed.booleans.has("help")) {
    console.log(REMOTE_USAGE);
    return 0;
  }
  const [action, ...rest] = parsed.positional;
  const scope = parsed.booleans.has("local") ? "local" : "project";
  const file = scope === "local" ? LOCAL_CONFIG_FILE : CONFIG_FILE;
  if (action === "add") {
    if (rest.length !== 2) throw new UsageError("remote add needs a NAME and a URL");
    const [name, url] = rest;
    await addRemote(root, name, url, {
      scope,
      makeDefault: parsed.booleans.has("default"),
      force: parsed.booleans.has("force"),
    });
    const suffix = parsed.booleans.has("default") ? " (default)" : "";
    console.log(`Added remote "${name}"${suffix} to ${file}: ${redactUrl(url)}`);
    return 0;
  }
  if (action === "remove") {
    if (rest.length !== 1) throw new UsageError("remote remove needs a NAME");
    await removeRemote(root, rest[0], scope);
    console.log(`Removed remote "${rest[0]}" from ${file}`);
    return 0;
  }
  if (action === "list") {
    if (rest.length !== 0) {
      throw new UsageError(`remote list takes no arguments: ${rest.join(" ")}`);
    }
    const config = await readRemotesConfig(root);
    const rows = config.remotes.map((remote) => ({
      name: remote.name,
      url: redactUrl(remote.url),
      default: remote.name === config.defaultName,
      file: remote.scope === "local" ? LOCAL_CONFIG_FILE : CONFIG_FILE,
    }));
    if (parsed.booleans.has("json")) {
      console.log(JSON.stringify(rows, null, 2));
    } else if (rows.length === 0) {
      console.log("No remotes: add one with `deno task remote add NAME URL`");
    } else {
      for (const row of rows) {
        console.log(`${row.name}\t${row.url}${row.default ? "\t(default)" : ""}\t${row.file}`);
      }
    }
    return 0;
  }
  throw new UsageError(
    action === undefined
      ? "remote needs an action: add, list or remove"
      : `Unknown remote action: ${action} (expected add, list or remove)`,
  );
}
