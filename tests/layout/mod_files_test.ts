/**
 * Every folder under lib/ has a mod.ts re-exporting its public API (issue 13), unless it is
 * in {@link EXEMPT} with the reason it has none. The new mod.ts files are for readers and
 * callers outside the hot paths: the server and the no-op repro still import files directly.
 */
import assert from "node:assert/strict";
import { fileURLToPath as fromFileUrl } from "node:url";

const ROOT = fromFileUrl(new URL("../../", import.meta.url));

/** Folders with no mod.ts on purpose, each with why. */
const EXEMPT: Readonly<Record<string, string>> = {
  // Entry files, not a library: each command is run as a deno task (`lib/cli/main.ts`,
  // `lib/cli/score.ts`, …) and main.ts loads the others lazily so a no-op repro loads only
  // what it needs; a barrel would pull every command's dependencies (DuckDB, onnxruntime)
  // into one import.
  "lib/cli": "entry files",
  // SQL files only (read at run time by lib/features), no TypeScript to re-export.
  "lib/features/sql": "SQL files only",
};

/** Every folder below lib/ (lib/ itself excluded), repo-relative and sorted. */
async function libFolders(dir = "lib"): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(`${ROOT}${dir}`)) {
    if (!entry.isDirectory) continue;
    const path = `${dir}/${entry.name}`;
    found.push(path, ...await libFolders(path));
  }
  return found.sort();
}

async function hasMod(folder: string): Promise<boolean> {
  try {
    return (await Deno.stat(`${ROOT}${folder}/mod.ts`)).isFile;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

Deno.test("every lib/ folder has a mod.ts unless it is exempt, with a reason", async () => {
  const missing: string[] = [];
  for (const folder of await libFolders()) {
    if (!(folder in EXEMPT) && !await hasMod(folder)) missing.push(folder);
  }
  assert.deepEqual(missing, [], `lib/ folders without a mod.ts: ${missing.join(", ")}`);
});

Deno.test("every exemption names a folder that still exists and still has no mod.ts", async () => {
  const folders = new Set(await libFolders());
  const stale: string[] = [];
  for (const folder of Object.keys(EXEMPT)) {
    if (!folders.has(folder) || await hasMod(folder)) stale.push(folder);
  }
  assert.deepEqual(stale, [], `stale exemptions: ${stale.join(", ")}`);
});
