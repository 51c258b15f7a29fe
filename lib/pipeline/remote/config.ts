/**
 * The remote config: `repro.config.yaml` (committed, shared by the team) and
 * `repro.config.local.yaml` (git-ignored: a personal remote, credentials in a URL). The
 * local file wins for a name both define, and for `default`.
 *
 * ```yaml
 * default: team
 * remotes:
 *   team: { url: /mnt/shared/riskpipe-cache }
 *   dav: { url: "https://cache.example/riskpipe/" }
 * ```
 */
import { join } from "node:path";
import { Document, isMap, parse as parseYaml, parseDocument } from "yaml";
import { z } from "zod";
import { writeFileAtomic } from "../store/atomic.ts";
import { RemoteConfigError } from "./errors.ts";
import { parseRemoteUrl, urlReason } from "./url.ts";

/** The committed config file, at the repo root. */
export const CONFIG_FILE = "repro.config.yaml";
/** The local override (git-ignored), at the repo root. */
export const LOCAL_CONFIG_FILE = "repro.config.local.yaml";

/** Which file a remote comes from. */
export type ConfigScope = "project" | "local";

/** One configured remote. */
export interface RemoteConfig {
  name: string;
  url: string;
  scope: ConfigScope;
}

/** Both files merged. */
export interface RemotesConfig {
  remotes: RemoteConfig[];
  /** The default remote's name, if one is set. */
  defaultName?: string;
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const ConfigFileSchema = z.object({
  default: z.string().regex(NAME_PATTERN, "expected a remote name").optional(),
  remotes: z.record(
    z.string().regex(NAME_PATTERN, "expected letters, digits, '.', '_' or '-'"),
    z.object({ url: z.string().min(1, "expected a URL") }).strict(),
  ).optional(),
}).strict();

type ConfigFile = z.infer<typeof ConfigFileSchema>;

function fileOf(scope: ConfigScope): string {
  return scope === "local" ? LOCAL_CONFIG_FILE : CONFIG_FILE;
}

/** Reads one config file; an absent file is empty. Errors name the file and field. */
async function readConfigFile(root: string, scope: ConfigScope): Promise<ConfigFile> {
  const file = fileOf(scope);
  let text: string;
  try {
    text = await Deno.readTextFile(join(root, file));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return {};
    throw error;
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0].replace(/:$/, "");
    throw new RemoteConfigError(`Cannot read ${file}: invalid YAML: ${reason}`);
  }
  const result = ConfigFileSchema.safeParse(doc ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((issue) =>
      `field "${issue.path.map(String).join(".") || "(file)"}": ${issue.message}`
    );
    throw new RemoteConfigError(`Cannot read ${file}: ${problems.join("; ")}`);
  }
  return result.data;
}

/**
 * Reads and merges both config files.
 * @example
 * ```ts
 * import { readRemotesConfig } from "./config.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${root}/repro.config.yaml`, "remotes:\n  team: { url: /srv/cache }\n");
 * const config = await readRemotesConfig(root);
 * await Deno.remove(root, { recursive: true });
 * if (config.remotes[0]?.url !== "/srv/cache") throw new Error(JSON.stringify(config));
 * ```
 */
export async function readRemotesConfig(root: string): Promise<RemotesConfig> {
  const project = await readConfigFile(root, "project");
  const local = await readConfigFile(root, "local");
  const byName = new Map<string, RemoteConfig>();
  for (const [scope, file] of [["project", project], ["local", local]] as const) {
    for (const [name, { url }] of Object.entries(file.remotes ?? {})) {
      byName.set(name, { name, url, scope });
    }
  }
  const defaultName = local.default ?? project.default;
  return {
    remotes: [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1)),
    ...(defaultName === undefined ? {} : { defaultName }),
  };
}

/**
 * Picks the remote to use: the one named, else the default, else the only one. Errors say
 * which names exist and how to add or choose one.
 */
export function chooseRemote(config: RemotesConfig, name?: string): RemoteConfig {
  const names = config.remotes.map((r) => r.name);
  const known = names.length > 0 ? ` (configured: ${names.join(", ")})` : "";
  if (name !== undefined) {
    const found = config.remotes.find((r) => r.name === name);
    if (!found) throw new RemoteConfigError(`Unknown remote "${name}"${known}`);
    return found;
  }
  if (config.defaultName !== undefined) {
    const found = config.remotes.find((r) => r.name === config.defaultName);
    if (!found) {
      throw new RemoteConfigError(
        `Unknown remote "${config.defaultName}": it is the default but not configured${known}`,
      );
    }
    return found;
  }
  if (config.remotes.length === 1) return config.remotes[0];
  if (config.remotes.length === 0) {
    throw new RemoteConfigError(
      "No remote is configured: add one with `deno task remote add NAME URL`",
    );
  }
  throw new RemoteConfigError(
    `No default remote${known}: pass --remote NAME or run \`deno task remote add NAME URL --default\``,
  );
}

/** Options of `addRemote`. */
export interface AddRemoteOptions {
  /** Also make it the default remote. */
  makeDefault?: boolean;
  /** Write to the local override instead of the committed file. */
  scope?: ConfigScope;
  /** Replace a remote of the same name instead of failing. */
  force?: boolean;
}

/** Adds a remote to one config file, keeping the file's comments and order. */
export async function addRemote(
  root: string,
  name: string,
  url: string,
  options: AddRemoteOptions = {},
): Promise<void> {
  if (!NAME_PATTERN.test(name)) {
    throw new RemoteConfigError(
      `Cannot add remote "${name}": a name is letters, digits, '.', '_' or '-'`,
    );
  }
  try {
    parseRemoteUrl(url, root);
  } catch (error) {
    throw new RemoteConfigError(`Cannot add remote "${name}": ${urlReason(error)}`);
  }
  const scope = options.scope ?? "project";
  const current = await readConfigFile(root, scope);
  if (current.remotes?.[name] !== undefined && !options.force) {
    throw new RemoteConfigError(
      `Cannot add remote "${name}": it exists in ${fileOf(scope)} ` +
        `(url ${current.remotes[name].url}); pass --force to replace it`,
    );
  }
  await editConfigFile(root, scope, (doc) => {
    doc.setIn(["remotes", name], doc.createNode({ url }));
    if (options.makeDefault) doc.set("default", name);
  });
}

/** Removes a remote from one config file (and the default, if it named it). */
export async function removeRemote(
  root: string,
  name: string,
  scope: ConfigScope = "project",
): Promise<void> {
  const current = await readConfigFile(root, scope);
  if (current.remotes?.[name] === undefined) {
    const other: ConfigScope = scope === "local" ? "project" : "local";
    const elsewhere = (await readConfigFile(root, other)).remotes?.[name] !== undefined;
    const hint = elsewhere
      ? `: it is in ${fileOf(other)}${other === "local" ? " (pass --local)" : " (drop --local)"}`
      : "";
    throw new RemoteConfigError(`Unknown remote "${name}" in ${fileOf(scope)}${hint}`);
  }
  await editConfigFile(root, scope, (doc) => {
    doc.deleteIn(["remotes", name]);
    if (current.default === name) doc.delete("default");
  });
}

async function editConfigFile(
  root: string,
  scope: ConfigScope,
  edit: (doc: Document) => void,
): Promise<void> {
  const path = join(root, fileOf(scope));
  const text = await Deno.readTextFile(path).catch((error) => {
    if (error instanceof Deno.errors.NotFound) return "";
    throw error;
  });
  const doc: Document = parseDocument(text);
  // An empty (or comment-only) file has no mapping to edit: start one, keeping the comments.
  if (!isMap(doc.contents)) doc.contents = doc.createNode({});
  edit(doc);
  await writeFileAtomic(path, doc.toString());
}
