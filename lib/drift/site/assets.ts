/**
 * duckdb-wasm's browser files copied into the site, so the query page loads nothing from
 * a CDN. Its ES module imports apache-arrow by bare name; the copy points it at a small
 * local module that re-exports the Arrow build the page loads first as a classic script.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Folder of the site holding duckdb-wasm and Arrow. */
export const DUCKDB_DIR = "duckdb";
/** The current window, beside the query page. */
export const WINDOW_FILE = "current.parquet";
/** The same rows as CSV, which the query page loads (see query_page.ts). */
export const WINDOW_CSV = "current.csv";
/** Arrow's browser build (a UMD script defining `globalThis.Arrow`). */
export const ARROW_SCRIPT = "Arrow.esnext.min.js";
const ARROW_SHIM = "arrow.mjs";

const DUCKDB_FILES = [
  "duckdb-mvp.wasm",
  "duckdb-browser-mvp.worker.js",
  "duckdb-eh.wasm",
  "duckdb-browser-eh.worker.js",
];
/** The Arrow names duckdb-browser.mjs uses. */
const ARROW_EXPORTS = ["RecordBatchReader", "Table", "Type", "tableToIPC"];

/** Where the npm packages are installed (deno.json's nodeModulesDir). */
export interface AssetSources {
  /** node_modules/@duckdb/duckdb-wasm/dist */
  duckdbDist: string;
  /** The apache-arrow package folder duckdb-wasm depends on. */
  arrowDir: string;
}

/** The repository's node_modules (deno.json's nodeModulesDir), wherever the process runs. */
const REPO_NODE_MODULES = fileURLToPath(new URL("../../../node_modules/", import.meta.url));

/**
 * Finds the installed duckdb-wasm and apache-arrow under `nodeModules`; throws naming the
 * missing package (run `deno install` to fetch it).
 */
export async function findAssetSources(
  nodeModules = REPO_NODE_MODULES,
): Promise<AssetSources> {
  const duckdbDist = join(nodeModules, "@duckdb", "duckdb-wasm", "dist");
  await mustExist(join(duckdbDist, "duckdb-browser.mjs"), "@duckdb/duckdb-wasm");
  let arrowDir = join(nodeModules, "apache-arrow");
  try {
    await Deno.stat(join(arrowDir, ARROW_SCRIPT));
  } catch {
    // Deno keeps transitive packages under node_modules/.deno/<name>@<version>/.
    const store = join(nodeModules, ".deno");
    const found: string[] = [];
    for await (const entry of Deno.readDir(store)) {
      if (entry.name.startsWith("apache-arrow@")) found.push(entry.name);
    }
    found.sort();
    if (found.length === 0) {
      throw new Error(`Cannot copy the query page's assets: apache-arrow is not in ${store}`);
    }
    arrowDir = join(store, found[found.length - 1], "node_modules", "apache-arrow");
  }
  await mustExist(join(arrowDir, ARROW_SCRIPT), "apache-arrow");
  return { duckdbDist, arrowDir };
}

/** Copies duckdb-wasm and Arrow into `<site>/duckdb/`. */
export async function copyDuckDbAssets(site: string, sources: AssetSources): Promise<void> {
  const dir = join(site, DUCKDB_DIR);
  await Deno.mkdir(dir, { recursive: true });
  for (const name of DUCKDB_FILES) {
    await linkOrCopy(join(sources.duckdbDist, name), join(dir, name));
  }
  await linkOrCopy(join(sources.arrowDir, ARROW_SCRIPT), join(dir, ARROW_SCRIPT));
  const module = await Deno.readTextFile(join(sources.duckdbDist, "duckdb-browser.mjs"));
  const patched = module.replaceAll(`from"apache-arrow"`, `from"./${ARROW_SHIM}"`);
  if (patched === module) {
    throw new Error(
      "Cannot copy duckdb-browser.mjs: it no longer imports apache-arrow as expected",
    );
  }
  await Deno.writeTextFile(join(dir, "duckdb-browser.mjs"), patched);
  await Deno.writeTextFile(
    join(dir, ARROW_SHIM),
    `const Arrow = globalThis.Arrow;\n` +
      ARROW_EXPORTS.map((name) => `export const ${name} = Arrow.${name};\n`).join(""),
  );
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  await Deno.remove(to).catch(() => {});
  try {
    await Deno.link(from, to);
  } catch {
    await Deno.copyFile(from, to);
  }
}

async function mustExist(path: string, pkg: string): Promise<void> {
  try {
    await Deno.stat(path);
  } catch {
    throw new Error(`Cannot copy the query page's assets: ${pkg} is not installed (${path})`);
  }
}
