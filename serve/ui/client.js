// The applicant UI's page script (served at /ui/assets/ui.js after d3 and Plot): reads
// the form the server generated from the contract, scores one applicant through
// POST /explain and a CSV file through POST /predict/batch, and shows the answers.
// Plain browser JavaScript: no build step, no external URL.
"use strict";

(() => {
  const config = JSON.parse(document.getElementById("ui-config").textContent);
  const byName = new Map(config.fields.map((f) => [f.name, f]));
  const form = document.getElementById("applicant");
  const $ = (id) => document.getElementById(id);

  setUpTabs();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    scoreApplicant().catch((error) => showFailure($("result-status"), error));
  });
  form.addEventListener("reset", () => {
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  });
  $("fill-example")?.addEventListener("click", () => fillForm(config.example));
  $("batch").addEventListener("submit", (event) => {
    event.preventDefault();
    scoreFile().catch((error) => showFailure($("batch-status"), error));
  });

  /** Tabs by the WAI-ARIA pattern: arrows move between tabs, Tab enters the panel. */
  function setUpTabs() {
    const tabs = [...document.querySelectorAll("[role=tab]")];
    const select = (tab) => {
      for (const t of tabs) {
        const on = t === tab;
        t.setAttribute("aria-selected", String(on));
        t.tabIndex = on ? 0 : -1;
        $(t.getAttribute("aria-controls")).hidden = !on;
      }
      tab.focus();
    };
    tabs.forEach((tab, i) => {
      tab.addEventListener("click", () => select(tab));
      tab.addEventListener("keydown", (event) => {
        const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (step === undefined) return;
        event.preventDefault();
        select(tabs[(i + step + tabs.length) % tabs.length]);
      });
    });
  }

  /** Puts a row's values into the form (a value the form has no control for is skipped). */
  function fillForm(row) {
    form.reset();
    for (const [name, value] of Object.entries(row ?? {})) {
      const el = form.elements.namedItem(name);
      if (!el || value === null || value === undefined) continue;
      el.value = byName.get(name)?.type === "boolean" ? booleanText(value) : String(value);
    }
  }

  /** "true" or "false" for a boolean value or one of a csv version's spellings of it. */
  function booleanText(value) {
    const word = String(value).trim().toLowerCase();
    if (word === "true" || config.trueValues.some((t) => t.toLowerCase() === word)) return "true";
    if (word === "false" || config.falseValues.some((f) => f.toLowerCase() === word)) {
      return "false";
    }
    return String(value);
  }

  /** The form as a request row: an empty field is left out (missing). */
  function formRow() {
    const row = {};
    for (const field of config.fields) {
      const el = form.elements.namedItem(field.name);
      const value = typed(field, el.value);
      if (value !== undefined) row[field.name] = value;
    }
    return row;
  }

  /**
   * A file's cell as the API takes it: a csv version reads cells as its training file
   * held them, so its text goes as is ("" and its missing markers mean missing).
   */
  function cellValue(field, text) {
    if (config.csv) return text;
    return typed(field, text);
  }

  /**
   * An input or cell typed by the contract: a number for a number field (text the API
   * then names as not a number when it is not one), true/false for a boolean; "" is missing.
   */
  function typed(field, text) {
    if (text === "" || text === undefined) return undefined;
    if (field.type === "int" || field.type === "float") {
      const number = Number(text.trim());
      return text.trim() !== "" && Number.isFinite(number) ? number : text;
    }
    if (field.type === "boolean") return text === "true" ? true : text === "false" ? false : text;
    return text;
  }

  async function post(path, body) {
    const res = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const answer = await res.json().catch(() => ({ error: `HTTP ${res.status}`, issues: [] }));
    return { status: res.status, ok: res.ok, body: answer };
  }

  async function scoreApplicant() {
    const status = $("result-status");
    status.textContent = "Scoring…";
    $("result-issues").replaceChildren();
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    const { ok, status: code, body } = await post("explain", formRow());
    $("result-body").hidden = !ok;
    if (!ok) {
      status.textContent = `${code}: ${body.error}`;
      showIssues($("result-issues"), body.issues ?? [], (field) => {
        const el = form.elements.namedItem(field);
        if (el) {
          el.setAttribute("aria-invalid", "true");
          el.closest("details")?.setAttribute("open", "");
        }
        return field;
      });
      $("result").focus();
      return;
    }
    status.textContent = `Scored (request ${body.requestId}).`;
    const probability = $("probability");
    probability.textContent = `${(body.probability * 100).toFixed(2)} %`;
    probability.dataset.probability = String(body.probability);
    $("tier").textContent = body.tier;
    $("result-version").textContent = body.modelVersion;
    $("summary").textContent = body.summary;
    $("principal-reasons").replaceChildren(...body.principalReasons.map((r) => {
      const li = document.createElement("li");
      li.dataset.code = r.code ?? "";
      li.dataset.contribution = String(r.contribution);
      li.textContent = `${r.code ? `${r.code}: ` : ""}${r.text} (+${r.contribution.toFixed(3)}; ${
        r.features.join(", ")
      })`;
      return li;
    }));
    const up = body.reasons.up.slice(0, 3);
    const down = body.reasons.down.slice(0, 3);
    $("reasons-up").replaceChildren(...up.map(reasonItem));
    $("reasons-down").replaceChildren(...down.map(reasonItem));
    drawCharts(body.principalReasons, up, down);
    $("result").focus();
  }

  function reasonItem(r) {
    const li = document.createElement("li");
    li.dataset.feature = r.feature;
    li.dataset.shap = String(r.shap);
    li.textContent = `${r.feature} = ${r.value} (${r.shap >= 0 ? "+" : ""}${r.shap.toFixed(3)})`;
    return li;
  }

  /** Plot bar charts of the principal reasons and the SHAP top three either way. */
  function drawCharts(principal, up, down) {
    const chartPrincipal = $("chart-principal");
    const chartShap = $("chart-shap");
    if (typeof Plot === "undefined") {
      chartPrincipal.textContent =
        "The chart library did not load; the lists below hold the values.";
      chartShap.replaceChildren();
      return;
    }
    // The code on the axis (the list below holds the text); a bar's title is its text.
    const label = (r) => r.code ?? r.text;
    chartPrincipal.replaceChildren(
      principal.length === 0 ? text("No feature raised the risk.") : Plot.plot({
        ariaLabel: "Principal reasons by contribution",
        width: 400,
        height: 40 + 28 * principal.length,
        marginLeft: principal.every((r) => r.code) ? 40 : 130,
        x: { label: "contribution (log-odds) →", grid: true },
        y: { label: null, domain: principal.map(label), tickFormat: shorten },
        marks: [
          Plot.barX(principal, { x: "contribution", y: label, fill: "#c0392b", title: "text" }),
          Plot.ruleX([0]),
        ],
      }),
    );
    const rows = [...up, ...down];
    chartShap.replaceChildren(
      rows.length === 0 ? text("No feature moved the score.") : Plot.plot({
        ariaLabel: "Strongest SHAP contributions, raising and lowering the risk",
        width: 400,
        height: 40 + 24 * rows.length,
        marginLeft: 130,
        x: { label: "SHAP (log-odds)", grid: true },
        y: { label: null, domain: rows.map((r) => r.feature), tickFormat: shorten },
        color: { domain: ["raises", "lowers"], range: ["#c0392b", "#2b7a3d"] },
        marks: [
          Plot.barX(rows, {
            x: "shap",
            y: "feature",
            fill: (r) => r.shap >= 0 ? "raises" : "lowers",
          }),
          Plot.ruleX([0]),
        ],
      }),
    );
  }

  /** An axis label cut to fit the chart's left margin. */
  function shorten(label) {
    return label.length > 16 ? `${label.slice(0, 15)}…` : label;
  }

  function text(s) {
    const p = document.createElement("p");
    p.textContent = s;
    return p;
  }

  /** Lists an error body's issues, each with its field (named by `nameOf`) and rule. */
  function showIssues(list, issues, nameOf) {
    list.replaceChildren(...issues.map((issue) => {
      const li = document.createElement("li");
      li.dataset.field = issue.field;
      li.dataset.rule = issue.rule;
      li.textContent = `${nameOf(issue.field) || "(the request)"}: ${issue.rule}: ${issue.message}`;
      return li;
    }));
  }

  function showFailure(status, error) {
    status.textContent = `Request failed: ${error.message}`;
  }

  /** Reads the file, scores it in parts of maxBatchRows and offers the scored CSV. */
  async function scoreFile() {
    const status = $("batch-status");
    const link = $("batch-download");
    const issues = $("batch-issues");
    issues.replaceChildren();
    link.hidden = true;
    const file = $("batch-file").files[0];
    if (!file) {
      status.textContent = "Choose a CSV file first.";
      $("batch-result").focus();
      return;
    }
    // csvParseRows, not csvParse: csvParse compiles a row function, which the CSP forbids.
    const [header = [], ...cells] = d3.csvParseRows(await file.text());
    const table = cells.map((r) => Object.fromEntries(header.map((c, i) => [c, r[i] ?? ""])));
    table.columns = header;
    const columns = table.columns.filter((c) => !config.ignored.includes(c));
    const ignored = table.columns.filter((c) => config.ignored.includes(c));
    if (table.length === 0) {
      status.textContent = `${file.name}: no rows under the header`;
      $("batch-result").focus();
      return;
    }
    const rows = table.map((record) => {
      const row = {};
      for (const column of columns) {
        const field = byName.get(column);
        // An unknown column goes as is: the API names it (unknown_field).
        const value = field ? cellValue(field, record[column]) : record[column];
        if (value !== undefined) row[column] = value;
      }
      return row;
    });
    const scored = [];
    for (let start = 0; start < rows.length; start += config.maxBatchRows) {
      status.textContent = `Scoring rows ${start + 1}–${
        Math.min(rows.length, start + config.maxBatchRows)
      } of ${rows.length}…`;
      const part = rows.slice(start, start + config.maxBatchRows);
      const { ok, status: code, body } = await post("predict/batch", { rows: part });
      if (!ok) {
        status.textContent = `${code}: ${body.error} (rows ${start + 1}–${start + part.length})`;
        // rows.I.FIELD names the part's row I; line 1 of the file is its header.
        showIssues(issues, body.issues ?? [], (field) => {
          const match = /^rows\.(\d+)(?:\.(.*))?$/.exec(field);
          if (!match) return field;
          const line = start + Number(match[1]) + 2;
          return `line ${line}${match[2] ? `, field ${match[2]}` : ""}`;
        });
        $("batch-result").focus();
        return;
      }
      scored.push(...body.predictions);
    }
    const out = table.map((record, i) => ({
      ...record,
      probability: scored[i].probability,
      tier: scored[i].tier,
    }));
    const csv = d3.csvFormat(out, [...table.columns, "probability", "tier"]);
    if (link.href) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([csv + "\n"], { type: "text/csv" }));
    link.download = file.name.replace(/\.csv$/i, "") + ".scored.csv";
    link.hidden = false;
    link.dataset.rows = String(out.length);
    status.textContent = `${out.length} rows scored${
      ignored.length ? ` (column ${ignored.join(", ")} ignored)` : ""
    }.`;
    link.focus();
  }
})();
