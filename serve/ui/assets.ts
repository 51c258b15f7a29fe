/**
 * The files the applicant UI loads, served from this origin so the page works offline:
 * d3 and Observable Plot's UMD bundles from node_modules (the versions deno.json pins)
 * and the page script. Read once, on first use, and kept in memory with an ETag.
 */

/** A file the UI serves. */
export interface UiAsset {
  body: Uint8Array;
  contentType: string;
  /** A strong ETag of the body (its SHA-256). */
  etag: string;
}

const JAVASCRIPT = "text/javascript; charset=utf-8";

/** Where each asset name is read from. */
const SOURCES: Record<string, () => URL> = {
  "plot.js": () => new URL("../dist/plot.umd.min.js", plotEntry()),
  // Plot's own d3 (its node_modules neighbour), so the two always agree.
  "d3.js": () => new URL("../../../d3/dist/d3.min.js", plotEntry()),
  "ui.js": () => new URL("./client.js", import.meta.url),
};

/** The names of the assets the UI serves. */
export const UI_ASSET_NAMES: readonly string[] = Object.keys(SOURCES);

function plotEntry(): URL {
  const entry = import.meta.resolve("@observablehq/plot");
  if (!entry.startsWith("file:")) {
    throw new Error(
      `Cannot serve the UI's Plot bundle: "@observablehq/plot" resolves to ${entry}, not a file in node_modules`,
    );
  }
  return new URL(entry);
}

const cache = new Map<string, Promise<UiAsset>>();

/**
 * The asset called `name`, or undefined when the UI has no such asset. Rejects with the
 * path when the file cannot be read (node_modules missing: run `deno install --frozen`).
 */
export function readUiAsset(name: string): Promise<UiAsset> | undefined {
  const source = Object.hasOwn(SOURCES, name) ? SOURCES[name] : undefined;
  if (source === undefined) return undefined;
  let asset = cache.get(name);
  if (asset === undefined) {
    asset = loadAsset(source());
    cache.set(name, asset);
    asset.catch(() => cache.delete(name));
  }
  return asset;
}

async function loadAsset(url: URL): Promise<UiAsset> {
  let body: Uint8Array;
  try {
    body = await Deno.readFile(url);
  } catch (error) {
    throw new Error(`Cannot read the UI asset ${url.pathname}: ${(error as Error).message}`);
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body as BufferSource));
  const hex = [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return { body, contentType: JAVASCRIPT, etag: `"${hex}"` };
}
