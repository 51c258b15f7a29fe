/**
 * Code deps: every local module in the import graph of the scripts a stage runs with
 * Deno, found with `deno info --json`. The graph is cached in `.repro/code-deps.json`
 * with the hash of each module found, so while none of them changed (checked through the
 * stat cache) no `deno info` process is spawned.
 */
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { writeFileAtomic } from "../store/atomic.ts";
import { denoScripts } from "./deno_scripts.ts";
import { type Hasher, normalizeRelPath, openHasher } from "../store/stat_cache.ts";

/** Where the code-deps cache lives, relative to the repo root. */
export const CODE_DEPS_FILE = ".repro/code-deps.json";

/** Config files whose change may change how imports resolve. */
const CONFIG_FILES = ["deno.json", "deno.jsonc"];

/** The cached graph of one script: its modules, and the hash of each file it depends on. */
interface ScriptGraph {
  modules: string[];
  /** Repo-relative path → content hash ("" for an absent config file). */
  hashes: Record<string, string>;
}

interface CodeDepsState {
  scripts: Map<string, ScriptGraph>;
  saving: Promise<void>;
}

const states = new Map<string, Promise<CodeDepsState>>();

/**
 * Repo-relative paths (sorted) of every local module imported, directly or not, by each
 * `deno run|test … <file>` in the cmd, the scripts themselves included.
 * @example
 * ```ts
 * import { findCodeDeps } from "./code_deps.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.mkdir(`${root}/stages`);
 * await Deno.writeTextFile(`${root}/stages/lib.ts`, "export const x = 1;\n");
 * await Deno.writeTextFile(`${root}/stages/train.ts`, 'import { x } from "./lib.ts";\nconsole.log(x);\n');
 * const deps = await findCodeDeps(root, ["deno run -A stages/train.ts"]);
 * await Deno.remove(root, { recursive: true });
 * if (deps.join() !== "stages/lib.ts,stages/train.ts") throw new Error(`got ${deps}`);
 * ```
 */
export async function findCodeDeps(root: string, cmd: string[]): Promise<string[]> {
  const absRoot = resolve(root);
  const scripts = [...new Set(cmd.flatMap(denoScripts))]
    .map((script) => toRepoPath(absRoot, resolve(absRoot, script)))
    .filter((script): script is string => script !== undefined);
  if (scripts.length === 0) return [];
  const [state, hasher] = await Promise.all([loadState(absRoot), openHasher(absRoot)]);
  const found = new Set<string>();
  for (const script of scripts) {
    const modules = await scriptModules(absRoot, script, state, hasher);
    for (const module of modules) found.add(module);
  }
  return [...found].sort();
}

async function scriptModules(
  root: string,
  script: string,
  state: CodeDepsState,
  hasher: Hasher,
): Promise<string[]> {
  const cached = state.scripts.get(script);
  if (cached && await isUnchanged(cached, hasher)) return cached.modules;
  const modules = await denoInfoModules(root, script);
  const graph: ScriptGraph = { modules, hashes: {} };
  for (const path of [...modules, ...CONFIG_FILES].sort()) {
    // Absent files are recorded as "", so creating a config file invalidates too.
    graph.hashes[path] = (await hasher.hashPath(path))?.hash ?? "";
  }
  state.scripts.set(script, graph);
  await saveState(root, state);
  return modules;
}

async function isUnchanged(graph: ScriptGraph, hasher: Hasher): Promise<boolean> {
  const checks = await Promise.all(
    Object.entries(graph.hashes).map(async ([path, hash]) =>
      ((await hasher.hashPath(path))?.hash ?? "") === hash
    ),
  );
  return checks.every(Boolean);
}

/**
 * Runs `deno info --json` on a script; its local modules inside the repo, sorted. A module
 * that is missing or does not parse is still listed: it is part of the graph, the stage
 * will report the real error when it runs, and creating or fixing the file changes its hash.
 */
async function denoInfoModules(root: string, script: string): Promise<string[]> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "--no-lock", script],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).output();
  if (!output.success) {
    const missing = await Deno.stat(join(root, script)).then(() => false, () => true);
    if (missing) return [script];
    const reason = new TextDecoder().decode(output.stderr).trim().split("\n")[0];
    throw new Error(`Cannot find code deps of "${script}": deno info failed: ${reason}`);
  }
  const info = JSON.parse(new TextDecoder().decode(output.stdout)) as {
    modules?: { specifier?: string; local?: string }[];
  };
  // node:url only here, on a cache miss: the no-op path does not load it.
  const { fileURLToPath } = await import("node:url");
  const modules = new Set<string>();
  for (const module of info.modules ?? []) {
    if (!module.specifier?.startsWith("file://")) continue;
    const path = toRepoPath(root, module.local ?? fileURLToPath(module.specifier));
    if (path !== undefined && !path.startsWith("node_modules/") && !path.startsWith(".repro/")) {
      modules.add(path);
    }
  }
  return [...modules].sort();
}

/** The repo-relative POSIX path of an absolute path, or undefined if outside the repo. */
function toRepoPath(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return undefined;
  return normalizeRelPath(rel.split(sep).join("/"));
}

function loadState(root: string): Promise<CodeDepsState> {
  let state = states.get(root);
  if (!state) {
    state = readState(root);
    states.set(root, state);
  }
  return state;
}

async function readState(root: string): Promise<CodeDepsState> {
  const state: CodeDepsState = { scripts: new Map(), saving: Promise.resolve() };
  try {
    const doc = JSON.parse(await Deno.readTextFile(join(root, CODE_DEPS_FILE)));
    if (doc?.version === 1 && typeof doc.scripts === "object") {
      for (const [script, graph] of Object.entries(doc.scripts as Record<string, ScriptGraph>)) {
        if (Array.isArray(graph?.modules) && typeof graph.hashes === "object") {
          state.scripts.set(script, graph);
        }
      }
    }
  } catch {
    // Missing or damaged: the graphs are found again with deno info.
  }
  return state;
}

function saveState(root: string, state: CodeDepsState): Promise<void> {
  state.saving = state.saving.catch(() => {}).then(async () => {
    const scripts: Record<string, ScriptGraph> = {};
    for (const key of [...state.scripts.keys()].sort()) scripts[key] = state.scripts.get(key)!;
    await Deno.mkdir(join(root, ".repro"), { recursive: true });
    await writeFileAtomic(join(root, CODE_DEPS_FILE), JSON.stringify({ version: 1, scripts }));
  });
  return state.saving;
}
