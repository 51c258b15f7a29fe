/**
 * The applicant UI page (GET /ui): a form generated from the served contract (one
 * labelled input per request field, with its type, range and levels), a result region
 * the page script fills from POST /explain, and a batch tab that scores a CSV through
 * POST /predict/batch. Self-contained but for its own scripts under /ui/assets/ (d3 and
 * Observable Plot from node_modules, and the page script): no CDN, no external URL.
 */
import type { ServingInfo } from "../../lib/registry/serving_info.ts";
import { type UiField, type UiGroup, uiGroups } from "./fields.ts";
import { UI_STYLE } from "./style.ts";

/** What the page is generated from. */
export interface UiPageOptions {
  version: string;
  info: Pick<ServingInfo, "source" | "contract" | "omit" | "csv" | "example" | "tiers">;
  /** Rows per /predict/batch request: the batch tab splits a larger file. */
  maxBatchRows: number;
}

/** What the page script reads from the page (the config script element). */
export interface UiConfig {
  version: string;
  csv: boolean;
  maxBatchRows: number;
  fields: { name: string; type: UiField["type"]; optional: boolean }[];
  /** Columns of an uploaded file the API does not take (the target): dropped. */
  ignored: string[];
  example: Record<string, unknown> | null;
  trueValues: string[];
  falseValues: string[];
}

/**
 * The CSP the page is served with: nothing but this origin (blob: for reading back the
 * scored CSV the page made, as the browser test does).
 */
export const UI_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; connect-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; base-uri 'none'; form-action 'none'";

/** Renders the page of one served version. */
export function renderUiPage(options: UiPageOptions): string {
  const { info, version } = options;
  const groups = uiGroups(info);
  const fields = groups.flatMap((g) => g.fields);
  const config: UiConfig = {
    version,
    csv: info.csv !== undefined,
    maxBatchRows: options.maxBatchRows,
    fields: fields.map((f) => ({ name: f.name, type: f.type, optional: f.optional })),
    ignored: [...info.omit, ...(info.csv ? [info.csv.targetColumn] : [])],
    example: info.example ?? null,
    trueValues: info.csv?.trueValues ?? [],
    falseValues: info.csv?.falseValues ?? [],
  };
  let index = 0;
  const form = groups.map((g) => renderGroup(g, () => index++)).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>riskpipe: score an applicant</title>
<style>${UI_STYLE}</style>
</head>
<body>
<header>
<h1>Score an applicant</h1>
<p class="sub">Model <code id="model-version">${escapeHtml(version)}</code> · ${
    escapeHtml(info.source)
  } contract · ${fields.length} fields · tiers ${escapeHtml(info.tiers.names.join(", "))}</p>
</header>
<div role="tablist" aria-label="Scoring mode" id="tabs">
<button type="button" role="tab" id="tab-one" aria-controls="panel-one" aria-selected="true">One applicant</button>
<button type="button" role="tab" id="tab-batch" aria-controls="panel-batch" aria-selected="false" tabindex="-1">Batch CSV</button>
</div>
<section role="tabpanel" id="panel-one" aria-labelledby="tab-one" class="one">
<form id="applicant" novalidate aria-label="Applicant">
<p class="actions">${
    config.example
      ? `<button type="button" id="fill-example">Fill with the example applicant</button> `
      : ""
  }<button type="reset">Clear</button></p>
${form}
<p class="actions sticky"><button type="submit" id="score">Score</button></p>
</form>
<section id="result" tabindex="-1" aria-live="polite" aria-labelledby="result-title">
<h2 id="result-title">Result</h2>
<p id="result-status">Fill the form and press Score. An empty field is sent as missing.</p>
<div id="result-body" hidden>
<p class="probability"><span class="label">Probability of default</span> <strong id="probability"></strong></p>
<p>Tier <strong id="tier"></strong> · model <code id="result-version"></code></p>
<p id="summary"></p>
<h3 id="principal-title">Principal reasons</h3>
<figure id="chart-principal" class="chart" aria-labelledby="principal-title"></figure>
<ol id="principal-reasons"></ol>
<h3 id="shap-title">Strongest features (TreeSHAP, log-odds)</h3>
<figure id="chart-shap" class="chart" aria-labelledby="shap-title"></figure>
<div class="lists">
<div><h4>Raising the risk</h4><ol id="reasons-up"></ol></div>
<div><h4>Lowering the risk</h4><ol id="reasons-down"></ol></div>
</div>
</div>
<ul id="result-issues" class="issues"></ul>
</section>
</section>
<section role="tabpanel" id="panel-batch" aria-labelledby="tab-batch" hidden>
<form id="batch" novalidate aria-label="Batch CSV">
<p>A CSV file with a header row naming the request fields (${
    escapeHtml(config.ignored.join(", ") || "no column")
  } ignored), read ${
    config.csv ? "as the training file was" : "by the contract's types (an empty cell is missing)"
  }; at most ${options.maxBatchRows} rows per request, larger files are sent in parts.</p>
<p><label for="batch-file">CSV file</label> <input type="file" id="batch-file" accept=".csv,text/csv" required>
<button type="submit" id="batch-score">Score the file</button></p>
</form>
<section id="batch-result" tabindex="-1" aria-live="polite" aria-labelledby="batch-title">
<h2 id="batch-title">Batch result</h2>
<p id="batch-status">Choose a file and press Score the file.</p>
<p><a id="batch-download" hidden download="scored.csv">Download the scored CSV</a></p>
<ul id="batch-issues" class="issues"></ul>
</section>
</section>
<script type="application/json" id="ui-config">${scriptJson(config)}</script>
<script src="ui/assets/d3.js"></script>
<script src="ui/assets/plot.js"></script>
<script src="ui/assets/ui.js"></script>
</body>
</html>
`;
}

/** Groups longer than this start folded (the page script unfolds one holding an error). */
const FOLDED_GROUP_FIELDS = 20;

function renderGroup(group: UiGroup, nextIndex: () => number): string {
  const fields = `<div class="grid">
${group.fields.map((f) => renderField(f, nextIndex())).join("\n")}
</div>`;
  const folded = group.fields.length > FOLDED_GROUP_FIELDS
    ? `<details><summary>Show the ${group.fields.length} fields</summary>\n${fields}\n</details>`
    : fields;
  return `<fieldset>
<legend>${escapeHtml(group.title)} <span class="count">(${group.fields.length})</span></legend>
${folded}
</fieldset>`;
}

function renderField(field: UiField, index: number): string {
  const id = `f${index}`;
  const hint = `h${index}`;
  const common = `id="${id}" name="${escapeHtml(field.name)}" data-type="${field.type}" ${
    field.optional ? "" : "required "
  }aria-describedby="${hint}"`;
  return `<div class="field">
<label for="${id}">${escapeHtml(field.name)}</label>
${renderControl(field, common)}
<small id="${hint}">${escapeHtml(hintOf(field))}</small>
</div>`;
}

function renderControl(field: UiField, common: string): string {
  const empty = field.optional ? "(missing)" : "(choose)";
  switch (field.type) {
    case "int":
    case "float": {
      const range = [
        field.min === undefined ? "" : ` min="${field.min}"`,
        field.max === undefined ? "" : ` max="${field.max}"`,
      ].join("");
      const step = field.type === "int" ? "1" : "any";
      return `<input type="number" ${common}${range} step="${step}" inputmode="decimal">`;
    }
    case "category":
      if (field.levels === undefined) return `<input type="text" ${common}>`;
      return `<select ${common}>${
        option("", empty) + field.levels.map((l) => option(l, l)).join("")
      }</select>`;
    case "boolean":
      return `<select ${common}>${
        option("", empty) + option("true", "true") + option("false", "false")
      }</select>`;
    case "string":
      return `<input type="text" ${common}>`;
    case "text":
      return `<textarea ${common} rows="2"></textarea>`;
  }
}

function option(value: string, text: string): string {
  return `<option value="${escapeHtml(value)}">${escapeHtml(text)}</option>`;
}

function hintOf(field: UiField): string {
  const parts: string[] = [field.type];
  if (field.min !== undefined || field.max !== undefined) {
    parts.push(`${field.min ?? "−∞"} to ${field.max ?? "∞"}`);
  }
  if (field.sentinels) parts.push(`or ${field.sentinels.join(", ")}`);
  if (field.levels) parts.push(`${field.levels.length} levels`);
  parts.push(field.optional ? "may be empty" : "required");
  return field.description ? `${parts.join(", ")}: ${field.description}` : parts.join(", ");
}

/** Escapes text for HTML content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe inside a script element: no `</script>` or HTML comment can close it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}
