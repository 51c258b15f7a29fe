/**
 * The page where a reviewer queries the current window with SQL in the browser:
 * duckdb-wasm, served from the site itself (see assets.ts). duckdb-wasm fetches its
 * parquet reader as an extension from extensions.duckdb.org, so the page loads the CSV
 * copy of the window (the core CSV reader is built in) and turns extension autoloading
 * off: nothing is fetched from outside the site. current.parquet sits beside it for
 * download.
 */
import { html, type Lineage, renderPage } from "../../report/mod.ts";
import { ARROW_SCRIPT, DUCKDB_DIR, WINDOW_CSV, WINDOW_FILE } from "./assets.ts";
import { siteNav } from "./links.ts";

const DEFAULT_QUERY = "select tier, count(*) as rows, avg(score) as mean_score\n" +
  "from current group by tier order by tier";
const PLAIN_QUERY = "select * from current limit 20";

/** The query page's HTML; `fromLog` (score and tier columns present) picks the first query. */
export function renderQueryPage(lineage: Lineage, fromLog: boolean): string {
  const initial = fromLog ? DEFAULT_QUERY : PLAIN_QUERY;
  return renderPage({
    title: "Query the current window",
    subtitle:
      `SQL over the current window (table "current", also as ${WINDOW_FILE}) with DuckDB in your browser; nothing leaves the page.`,
    lineage,
    nav: siteNav(0),
    sections: [{
      title: "Query",
      note:
        "Needs the site served over HTTP (the API serves it at /drift/); browsers do not run it from file://.",
      content: [html`
        <form id="query-form">
          <textarea id="sql" rows="6" cols="90" spellcheck="false">${initial}</textarea>
          <p><button type="submit" id="run" disabled>Run</button> <span id="status">Loading DuckDB…</span></p>
        </form>
        <div id="result" class="table-wrap"></div>
      `],
    }],
    scripts: [
      { src: `${DUCKDB_DIR}/${ARROW_SCRIPT}` },
      { code: queryScript(), module: true },
    ],
  });
}

function queryScript(): string {
  return `
import * as duckdb from "./${DUCKDB_DIR}/duckdb-browser.mjs";
const status = document.getElementById("status");
const run = document.getElementById("run");
const result = document.getElementById("result");
const asset = (name) => new URL("${DUCKDB_DIR}/" + name, location.href).href;
let conn;
async function start() {
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: asset("duckdb-mvp.wasm"), mainWorker: asset("duckdb-browser-mvp.worker.js") },
    eh: { mainModule: asset("duckdb-eh.wasm"), mainWorker: asset("duckdb-browser-eh.worker.js") },
  });
  const worker = new Worker(bundle.mainWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule);
  conn = await db.connect();
  await conn.query("set autoinstall_known_extensions = false");
  await conn.query("set autoload_known_extensions = false");
  const response = await fetch("${WINDOW_CSV}");
  if (!response.ok) throw new Error("${WINDOW_CSV}: HTTP " + response.status);
  await db.registerFileText("${WINDOW_CSV}", await response.text());
  await conn.query("create table current as select * from read_csv_auto('${WINDOW_CSV}', header = true)");
  const count = await conn.query("select count(*)::integer as n from current");
  status.textContent = "Ready: " + count.getChild("n").get(0) + " rows in current.";
  run.disabled = false;
  await runQuery();
}
function cell(value) {
  const td = document.createElement("td");
  if (value === null || value === undefined) td.textContent = "–";
  else if (typeof value === "number" || typeof value === "bigint") {
    td.className = "num";
    td.textContent = typeof value === "number" ? String(Number(value.toPrecision(6))) : String(value);
  } else td.textContent = value instanceof Date ? value.toISOString() : String(value);
  return td;
}
async function runQuery() {
  const sql = document.getElementById("sql").value;
  status.textContent = "Running…";
  try {
    const table = await conn.query(sql);
    const names = table.schema.fields.map((f) => f.name);
    const t = document.createElement("table");
    const head = t.createTHead().insertRow();
    for (const name of names) {
      const th = document.createElement("th");
      th.textContent = name;
      head.appendChild(th);
    }
    const body = t.createTBody();
    for (const row of table.toArray().slice(0, 1000)) {
      const tr = body.insertRow();
      for (const name of names) tr.appendChild(cell(row[name]));
    }
    result.replaceChildren(t);
    status.textContent = table.numRows + " rows" + (table.numRows > 1000 ? " (first 1,000 shown)" : "");
    document.body.dataset.queryState = "done";
  } catch (error) {
    status.textContent = "Query failed: " + error.message;
    document.body.dataset.queryState = "failed";
  }
}
document.getElementById("query-form").addEventListener("submit", (event) => {
  event.preventDefault();
  runQuery();
});
start().catch((error) => {
  status.textContent = "DuckDB failed to start: " + error.message;
  document.body.dataset.queryState = "failed";
  console.error(error);
});
`;
}
