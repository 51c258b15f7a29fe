/**
 * The applicant UI (GET /ui) in headless Chromium against the served fixture: the form
 * is filled with the version's example row and submitted, and the probability, tier and
 * reasons the page shows must equal a direct POST /explain of the same row; a 3-row CSV
 * goes through the batch tab and the scored CSV the page offers must hold the scores a
 * direct POST /predict/batch gives. No console error (CSP violations included) is
 * allowed. The screenshot is kept as a CI artifact: $RISKPIPE_ARTIFACTS/ui.png (else
 * $RISKPIPE_SCREENSHOT_DIR/ui.png, else reports/ci/ui.png).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { harness } from "../serve/harness.ts";
import { checkPageInBrowser } from "./browser.ts";
import { csvServingFixture } from "../scoring/csv_serving_fixture.ts";

/** The probe: fill, score, switch tabs by keyboard, upload, download; all read from the DOM. */
function probe(example: Record<string, unknown>, csv: string): string {
  return `(async () => {
  const until = async (test, what) => {
    for (let i = 0; i < 400; i++) {
      if (test()) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error("timed out waiting for " + what);
  };
  const example = ${JSON.stringify(example)};
  const form = document.getElementById("applicant");
  const unfilled = [];
  for (const [name, value] of Object.entries(example)) {
    const el = form.elements.namedItem(name);
    if (!el) { unfilled.push(name); continue; }
    el.value = value === null ? "" : String(value);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }
  document.getElementById("score").click();
  const status = document.getElementById("result-status");
  await until(() => /^Scored|^\\d{3}:/.test(status.textContent), "the score");
  const one = {
    status: status.textContent,
    focused: document.activeElement.id,
    probability: Number(document.getElementById("probability").dataset.probability),
    shown: document.getElementById("probability").textContent,
    tier: document.getElementById("tier").textContent,
    principal: [...document.querySelectorAll("#principal-reasons li")].map((li) =>
      ({ code: li.dataset.code, contribution: Number(li.dataset.contribution), text: li.textContent })),
    up: [...document.querySelectorAll("#reasons-up li")].map((li) => [li.dataset.feature, Number(li.dataset.shap)]),
    down: [...document.querySelectorAll("#reasons-down li")].map((li) => [li.dataset.feature, Number(li.dataset.shap)]),
    charts: ["chart-principal", "chart-shap"].map((id) => document.querySelectorAll("#" + id + " svg rect").length),
  };
  const tabOne = document.getElementById("tab-one");
  tabOne.focus();
  tabOne.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
  const keyboard = { focused: document.activeElement.id, batchHidden: document.getElementById("panel-batch").hidden };
  const input = document.getElementById("batch-file");
  const files = new DataTransfer();
  files.items.add(new File([${JSON.stringify(csv)}], "three.csv", { type: "text/csv" }));
  input.files = files.files;
  document.getElementById("batch-score").click();
  const link = document.getElementById("batch-download");
  const batchStatus = document.getElementById("batch-status");
  await until(() => !/^Choose a file|^Scoring/.test(batchStatus.textContent), "the scored file");
  const text = link.hidden ? "" : await (await fetch(link.href)).text();
  const batch = {
    status: batchStatus.textContent,
    download: link.download,
    focused: document.activeElement.id,
    header: d3.csvParseRows(text)[0] ?? [],
    rows: d3.csvParseRows(text).slice(1).map((r) => {
      const h = d3.csvParseRows(text)[0];
      return { id: r[h.indexOf("SK_ID_CURR")], probability: Number(r[h.indexOf("probability")]), tier: r[h.indexOf("tier")] };
    }),
  };
  document.getElementById("tab-batch").dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowLeft", bubbles: true }));
  return { unfilled, one, keyboard, batch };
})()`;
}

/** A CSV of `rows` under `columns`, every cell quoted, null as an empty cell. */
function csvOf(columns: string[], rows: Record<string, unknown>[]): string {
  const cell = (v: unknown) =>
    `"${v === null || v === undefined ? "" : String(v).replaceAll('"', '""')}"`;
  return [columns.map(cell).join(","), ...rows.map((r) => columns.map((c) => cell(r[c])).join(","))]
    .join("\n");
}

function artifactPath(): string {
  const dir = Deno.env.get("RISKPIPE_ARTIFACTS") ?? Deno.env.get("RISKPIPE_SCREENSHOT_DIR") ??
    join("reports", "ci");
  Deno.mkdirSync(dir, { recursive: true });
  return join(dir, "ui.png");
}

Deno.test("/ui in Chromium scores the example as /explain does and a 3-row CSV as /predict/batch does", async () => {
  await using h = await harness();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, h.app.fetch);
  try {
    const model = h.live.current()!;
    const example = model.info.example!;
    assert.ok(example, "the fixture version stores an example row");
    const three = h.fixture.testRows.slice(0, 3);
    // The file holds the target too, as a scored file would: the page drops it.
    const columns = model.info.contract.columns.map((c) => c.name);
    assert.ok(columns.includes("TARGET"));
    const screenshot = artifactPath();
    const seen = await checkPageInBrowser(`http://127.0.0.1:${server.addr.port}/ui`, {
      waitFor: `typeof Plot === "object" && document.getElementById("applicant")`,
      probe: probe(example, csvOf(columns, three)),
      screenshot,
    });
    assert.deepEqual(seen.consoleErrors, []);
    const result = seen.probe as {
      unfilled: string[];
      one: Record<string, unknown> & { principal: { code: string; contribution: number }[] };
      keyboard: { focused: string; batchHidden: boolean };
      batch: {
        status: string;
        download: string;
        focused: string;
        header: string[];
        rows: unknown[];
      };
    };
    assert.deepEqual(result.unfilled, [], "every example field has a control");

    const direct = await (await h.post("/explain", example)).json();
    const { one } = result;
    assert.match(String(one.status), /^Scored/);
    assert.equal(one.focused, "result", "focus moves to the result");
    assert.equal(one.probability, direct.probability);
    assert.equal(one.shown, `${(direct.probability * 100).toFixed(2)} %`);
    assert.equal(one.tier, direct.tier);
    assert.deepEqual(
      one.principal.map((r) => [r.code, r.contribution]),
      direct.principalReasons.map((r: { code: string | null; contribution: number }) => [
        r.code ?? "",
        r.contribution,
      ]),
    );
    assert.ok(one.principal.length > 0, "the example has principal reasons");
    const top = (list: { feature: string; shap: number }[]) =>
      list.slice(0, 3).map((r) => [r.feature, r.shap]);
    assert.deepEqual(one.up, top(direct.reasons.up));
    assert.deepEqual(one.down, top(direct.reasons.down));
    assert.deepEqual(one.charts, [one.principal.length, one.up.length + one.down.length]);

    assert.deepEqual(result.keyboard, { focused: "tab-batch", batchHidden: false });
    const { batch } = result;
    assert.equal(batch.status, "3 rows scored (column TARGET ignored).");
    assert.equal(batch.download, "three.scored.csv");
    assert.equal(batch.focused, "batch-download");
    assert.deepEqual(batch.header, [...columns, "probability", "tier"]);
    const rows = three.map(({ TARGET: _, ...row }) => row);
    const scored = await (await h.post("/predict/batch", { rows })).json();
    assert.deepEqual(
      batch.rows,
      scored.predictions.map((p: { probability: number; tier: string }, i: number) => ({
        id: String(three[i].SK_ID_CURR),
        probability: p.probability,
        tier: p.tier,
      })),
    );
    assert.ok(Deno.statSync(screenshot).size > 10_000, `screenshot ${screenshot}`);
  } finally {
    await server.shutdown();
  }
});

/** The probe of the error case: a form with two bad fields, a file with one bad cell. */
function errorProbe(csv: string): string {
  return `(async () => {
  const until = async (test, what) => {
    for (let i = 0; i < 400; i++) {
      if (test()) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error("timed out waiting for " + what);
  };
  const issues = (id) => [...document.querySelectorAll("#" + id + " li")].map((li) =>
    ({ field: li.dataset.field, rule: li.dataset.rule, text: li.textContent }));
  document.getElementById("fill-example").click();
  const form = document.getElementById("applicant");
  form.elements.namedItem("CODE_GENDER").value = "";
  form.elements.namedItem("AMT_INCOME_TOTAL").value = "-5";
  document.getElementById("score").click();
  const status = document.getElementById("result-status");
  await until(() => /^\\d{3}:/.test(status.textContent), "the error");
  const one = {
    status: status.textContent,
    focused: document.activeElement.id,
    resultHidden: document.getElementById("result-body").hidden,
    issues: issues("result-issues"),
    invalid: [...form.querySelectorAll("[aria-invalid=true]")].map((el) => el.name),
  };
  document.getElementById("tab-batch").click();
  const files = new DataTransfer();
  files.items.add(new File([${JSON.stringify(csv)}], "bad.csv", { type: "text/csv" }));
  document.getElementById("batch-file").files = files.files;
  document.getElementById("batch-score").click();
  const batchStatus = document.getElementById("batch-status");
  await until(() => /^\\d{3}:/.test(batchStatus.textContent), "the batch error");
  return {
    one,
    batch: {
      status: batchStatus.textContent,
      linkHidden: document.getElementById("batch-download").hidden,
      issues: issues("batch-issues"),
    },
  };
})()`;
}

Deno.test("/ui in Chromium names each bad field, and each bad cell's line and field, from the 422", async () => {
  await using h = await harness();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, h.app.fetch);
  try {
    const model = h.live.current()!;
    const columns = model.info.contract.columns.map((c) => c.name).filter((c) => c !== "TARGET");
    const three = h.fixture.testRows.slice(0, 3).map((r) => ({ ...r }));
    three[1].CODE_GENDER = "Q";
    const url = `http://127.0.0.1:${server.addr.port}/ui`;
    const seen = await checkPageInBrowser(url, {
      waitFor: `typeof Plot === "object" && document.getElementById("applicant")`,
      probe: errorProbe(csvOf(columns, three)),
    });
    // Chromium logs each 4xx answer as a failed load; nothing else may appear.
    const rejected = seen.consoleErrors.filter((e) =>
      /^network: Failed to load resource: the server responded with a status of 422/.test(e)
    );
    assert.equal(rejected.length, 2, seen.consoleErrors.join("\n"));
    assert.deepEqual(seen.consoleErrors.filter((e) => !rejected.includes(e)), []);
    const { one, batch } = seen.probe as {
      one: Record<string, unknown> & { issues: { field: string; rule: string; text: string }[] };
      batch: { status: string; linkHidden: boolean; issues: { field: string; text: string }[] };
    };
    const { CODE_GENDER: _, ...withoutGender } = model.info.example!;
    const direct = await (await h.post("/explain", { ...withoutGender, AMT_INCOME_TOTAL: -5 }))
      .json();
    assert.equal(one.status, `422: ${direct.error}`);
    assert.equal(one.focused, "result");
    assert.equal(one.resultHidden, true);
    assert.deepEqual(
      one.issues.map((i) => [i.field, i.rule]),
      direct.issues.map((i: { field: string; rule: string }) => [i.field, i.rule]),
    );
    assert.deepEqual([...one.invalid as string[]].sort(), ["AMT_INCOME_TOTAL", "CODE_GENDER"]);
    assert.match(one.issues[0].text, /^(CODE_GENDER|AMT_INCOME_TOTAL): /);
    assert.match(batch.status, /^422: Invalid request: 1 field breaks the contract \(rows 1–3\)$/);
    assert.equal(batch.linkHidden, true);
    assert.equal(batch.issues.length, 1);
    assert.equal(batch.issues[0].field, "rows.1.CODE_GENDER");
    assert.match(batch.issues[0].text, /^line 3, field CODE_GENDER: in_set: Row 1: /);
  } finally {
    await server.shutdown();
  }
});

Deno.test("/ui in Chromium scores a csv version's example (its boolean spelled as the file does)", async () => {
  const fixture = await csvServingFixture();
  try {
    await using h = await harness({}, Promise.resolve(fixture));
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, h.app.fetch);
    try {
      const example = h.live.current()!.info.example!;
      const seen = await checkPageInBrowser(`http://127.0.0.1:${server.addr.port}/ui`, {
        waitFor: `typeof Plot === "object" && document.getElementById("applicant")`,
        probe: `(async () => {
          document.getElementById("fill-example").click();
          const member = document.getElementById("applicant").elements.namedItem("member").value;
          document.getElementById("score").click();
          const status = document.getElementById("result-status");
          for (let i = 0; i < 400 && !/^Scored|^\\d{3}:/.test(status.textContent); i++) {
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
          return {
            member,
            status: status.textContent,
            probability: Number(document.getElementById("probability").dataset.probability),
            tier: document.getElementById("tier").textContent,
          };
        })()`,
      });
      assert.deepEqual(seen.consoleErrors, []);
      const direct = await (await h.post("/explain", example)).json();
      const probe = seen.probe as Record<string, unknown>;
      assert.match(String(probe.status), /^Scored/);
      assert.deepEqual([probe.probability, probe.tier], [direct.probability, direct.tier]);
      assert.equal(probe.member, String(example.member) === "yes" ? "true" : "false");
    } finally {
      await server.shutdown();
    }
  } finally {
    await fixture.dispose();
  }
});
