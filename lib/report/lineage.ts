/** The lineage header of a report: where its numbers came from. */
import { type Html, html } from "./html.ts";

/** Where a report's numbers came from. */
export interface Lineage {
  /** The model version (registry id) or "candidate". */
  modelVersion?: string;
  /** Input files and their content hashes. */
  dataHashes?: Record<string, string>;
  /** The params the report depends on, nested as in pipeline.yaml. */
  params?: Record<string, unknown>;
  gitCommit?: string;
  /** The work tree had uncommitted changes to tracked files. */
  gitDirty?: boolean;
  /** ISO time the report was generated. */
  generatedAt: string;
}

/** Flattens nested params to dotted keys: `{ train: { depth: 6 } }` → `train.depth = 6`. */
export function flattenParams(params: Record<string, unknown>, prefix = ""): [string, string][] {
  const out: [string, string][] = [];
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    const name = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      out.push(...flattenParams(value as Record<string, unknown>, name));
    } else out.push([name, JSON.stringify(value)]);
  }
  return out;
}

/** The short lineage header: version, commit and time on one line; hashes and params folded. */
export function renderLineage(lineage: Lineage): Html {
  const hashes = Object.entries(lineage.dataHashes ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const params = flattenParams(lineage.params ?? {});
  return html`<section class="lineage" aria-label="lineage"><dl>
<div><dt>model</dt><dd>${lineage.modelVersion ?? "–"}</dd></div>
<div><dt>git commit</dt><dd><code>${lineage.gitCommit?.slice(0, 12) ?? "–"}</code>${
    lineage.gitDirty ? " (with uncommitted changes)" : ""
  }</dd></div>
<div><dt>generated</dt><dd><time datetime="${lineage.generatedAt}">${lineage.generatedAt}</time></dd></div>
</dl>${
    hashes.length > 0
      ? html`
        <details>
          <summary>data hashes (${hashes.length})</summary>
          <ul>${hashes.map(([path, hash]) =>
            html`<li><code>${path}</code> <code title="${hash}">${shortHash(hash)}</code></li>`
          )}</ul>
        </details>
      `
      : ""
  }${
    params.length > 0
      ? html`
        <details>
          <summary>params (${params.length})</summary>
          <ul>${params.map(([name, value]) => html`<li><code>${name} = ${value}</code></li>`)}</ul>
        </details>
      `
      : ""
  }</section>`;
}

/** The first 16 characters of a long content hash (the full hash is in the title). */
function shortHash(hash: string): string {
  return hash.length > 20 ? `${hash.slice(0, 16)}…` : hash;
}
