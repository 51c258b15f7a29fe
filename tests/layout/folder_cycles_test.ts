/**
 * No folder-level import cycles inside lib/ (issue 13). The graph is the union of
 * `deno info --json` over every entry point (static, dynamic and type imports alike).
 * A folder is the first two path segments below lib/: lib/pipeline/spec and
 * lib/pipeline/store are folders, and so is lib/pipeline itself (its own files, mod.ts
 * among them). A parent and its sub-folders are separate nodes on purpose: a parent's
 * files sit above its sub-folders (its mod.ts re-exports them), so a sub-folder that
 * imports its parent's files closes a loop a reader has to untangle like any other.
 */
import assert from "node:assert/strict";
import { relative } from "node:path";
import { fileURLToPath as fromFileUrl } from "node:url";

const ROOT = fromFileUrl(new URL("../../", import.meta.url));

/**
 * Cycles known today and being removed by other moves of issue 13 (each a strongly
 * connected set of folders, sorted). A cycle found whose folders all lie inside one entry
 * is reported, not failed; empty this list as the moves land.
 */
const KNOWN_CYCLES: readonly (readonly string[])[] = [];

/** Folders whose cycles always fail (this move's own part of issue 13). */
const STRICT_PREFIX = "lib/pipeline";

interface InfoModule {
  specifier: string;
  dependencies?: { code?: { specifier?: string }; type?: { specifier?: string } }[];
}

/** The entry points: every CLI command, stage, the server and the notebook runner. */
async function entryPoints(): Promise<string[]> {
  const entries = ["serve/main.ts", "notebooks/run.ts"];
  for (const dir of ["lib/cli", "stages"]) {
    for await (const entry of Deno.readDir(`${ROOT}${dir}`)) {
      if (entry.isFile && entry.name.endsWith(".ts")) entries.push(`${dir}/${entry.name}`);
    }
  }
  return entries.sort();
}

async function moduleGraph(entry: string): Promise<InfoModule[]> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", entry],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) {
    throw new Error(`deno info ${entry} failed: ${new TextDecoder().decode(output.stderr)}`);
  }
  return JSON.parse(new TextDecoder().decode(output.stdout)).modules;
}

/** The folder of a repo-relative path inside lib/, or undefined outside lib/. */
export function folderOf(path: string): string | undefined {
  const parts = path.split("/");
  if (parts[0] !== "lib" || parts.length < 2) return undefined;
  return parts.length >= 4 ? parts.slice(0, 3).join("/") : parts.slice(0, 2).join("/");
}

function libPath(specifier: string | undefined): string | undefined {
  if (specifier === undefined || !specifier.startsWith("file:")) return undefined;
  const path = relative(ROOT, fromFileUrl(specifier)).split("\\").join("/");
  return folderOf(path) === undefined ? undefined : path;
}

/** Folder edges, each with one file import that makes it (for the report). */
type FolderEdges = Map<string, Map<string, string>>;

async function folderEdges(): Promise<FolderEdges> {
  const edges: FolderEdges = new Map();
  const graphs = await Promise.all((await entryPoints()).map(moduleGraph));
  for (const module of graphs.flat()) {
    const from = libPath(module.specifier);
    if (from === undefined) continue;
    for (const dep of module.dependencies ?? []) {
      for (const target of [dep.code?.specifier, dep.type?.specifier]) {
        const to = libPath(target);
        if (to === undefined || folderOf(from) === folderOf(to)) continue;
        const out = edges.get(folderOf(from)!) ?? new Map<string, string>();
        if (!out.has(folderOf(to)!)) out.set(folderOf(to)!, `${from} → ${to}`);
        edges.set(folderOf(from)!, out);
      }
    }
  }
  return edges;
}

/** Strongly connected sets of more than one folder (Tarjan), each sorted. */
export function folderCycles(edges: ReadonlyMap<string, ReadonlyMap<string, string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const members: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      members.push(member);
    } while (member !== node);
    if (members.length > 1) cycles.push(members.sort());
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles.sort((a, b) => a[0].localeCompare(b[0]));
}

function describeCycle(cycle: string[], edges: FolderEdges): string {
  const inside = new Set(cycle);
  const lines = cycle.flatMap((from) =>
    [...(edges.get(from) ?? new Map<string, string>())]
      .filter(([to]) => inside.has(to))
      .map(([to, example]) => `    ${from} → ${to} (${example})`)
  );
  return `  ${cycle.join(" ⇄ ")}\n${lines.join("\n")}`;
}

function isKnown(
  cycle: string[],
  knownCycles: readonly (readonly string[])[] = KNOWN_CYCLES,
): boolean {
  if (cycle.some((folder) => folder.startsWith(STRICT_PREFIX))) return false;
  return knownCycles.some((known) => cycle.every((folder) => known.includes(folder)));
}

Deno.test("folderOf names lib/ folders by their first two segments", () => {
  assert.equal(folderOf("lib/pipeline/status.ts"), "lib/pipeline");
  assert.equal(folderOf("lib/pipeline/spec/load.ts"), "lib/pipeline/spec");
  assert.equal(folderOf("lib/model/gbdt/wasm/kernel.ts"), "lib/model/gbdt");
  assert.equal(folderOf("stages/train.ts"), undefined);
});

Deno.test("folderCycles finds each strongly connected set of folders once", () => {
  const edges = new Map([
    ["a", new Map([["b", ""]])],
    ["b", new Map([["c", ""], ["a", ""]])],
    ["c", new Map([["d", ""]])],
    ["d", new Map([["c", ""]])],
    ["e", new Map([["a", ""]])],
  ]);
  assert.deepEqual(folderCycles(edges), [["a", "b"], ["c", "d"]]);
});

Deno.test("a cycle through lib/pipeline always fails; part of a known cycle is reported", () => {
  const known = [["lib/features", "lib/features/text", "lib/model"]];
  assert.equal(isKnown(["lib/pipeline/run", "lib/pipeline/spec"], known), false);
  assert.equal(isKnown(["lib/features", "lib/model"], known), true);
  assert.equal(isKnown(["lib/model", "lib/training"], known), false);
});

Deno.test("no folder-level import cycle inside lib/ beyond the known ones", async () => {
  const edges = await folderEdges();
  const cycles = folderCycles(edges);
  if (cycles.length > 0) {
    console.log(
      `Folder cycles inside lib/:\n${cycles.map((c) => describeCycle(c, edges)).join("\n")}`,
    );
  }
  const unexpected = cycles.filter((cycle) => !isKnown(cycle));
  assert.equal(
    unexpected.length,
    0,
    `Folder cycles inside lib/ not in KNOWN_CYCLES:\n${
      unexpected.map((c) => describeCycle(c, edges)).join("\n")
    }`,
  );
});
