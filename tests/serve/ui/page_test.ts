import assert from "node:assert/strict";
import { homeCreditContract } from "../../../lib/contracts/mod.ts";
import type { TableContract } from "../../../lib/contracts/mod.ts";
import type { CsvFormat } from "../../../lib/contracts/csv_contract_file.ts";
import { renderUiPage, type UiConfig, type UiPageOptions } from "../../../serve/ui/page.ts";
import { parse } from "../../report/fixtures.ts";

const TIERS = { names: ["low", "high"], thresholds: [0.5] };

function homeCreditPage(): ReturnType<typeof parse> {
  const contract = homeCreditContract("application_train", { source: "synthetic" });
  return parse(renderUiPage({
    version: "v-hc",
    info: { source: "synthetic", contract, omit: ["TARGET"], tiers: TIERS, example: { A: 1 } },
    maxBatchRows: 100,
  }));
}

const CSV_CONTRACT: TableContract = {
  formatVersion: 1,
  table: "loans",
  key: ["loan_id"],
  target: "defaulted",
  columns: [
    { name: "loan_id", type: "int", nullable: false },
    { name: "defaulted", type: "int", nullable: false, min: 0, max: 1 },
    { name: "income", type: "float", nullable: true, min: 0, max: 9000.5 },
    { name: "city", type: "category", nullable: false, levels: ["Bergen", "Oslo"] },
    { name: "member", type: "boolean", nullable: false },
    { name: "note", type: "text", nullable: true },
  ],
} as TableContract;

const CSV_FORMAT: CsvFormat = {
  targetColumn: "defaulted",
  positiveLabel: "yes",
  negativeLabel: "no",
  idColumn: "loan_id",
  missingMarkers: ["", "NA"],
  trueValues: ["yes"],
  falseValues: ["no"],
};

function csvPage(options: Partial<UiPageOptions> = {}): ReturnType<typeof parse> {
  return parse(renderUiPage({
    version: "v-csv",
    info: { source: "csv", contract: CSV_CONTRACT, omit: [], csv: CSV_FORMAT, tiers: TIERS },
    maxBatchRows: 7,
    ...options,
  }));
}

function labelOf(page: ReturnType<typeof parse>, control: { id: string }): string {
  return page.one(`label[for="${control.id}"]`)?.textContent ?? "(no label)";
}

Deno.test("every Home Credit request field has one input labelled with its name, the target none", () => {
  const page = homeCreditPage();
  const contract = homeCreditContract("application_train", { source: "synthetic" });
  const expected = contract.columns.map((c) => c.name).filter((n) => n !== "TARGET");
  const controls = page.all("#applicant [name]");
  // In group order, so compared as sets.
  assert.deepEqual(controls.map((c) => c.getAttribute("name")).sort(), expected.sort());
  for (const control of controls) {
    assert.equal(labelOf(page, control), control.getAttribute("name"));
  }
  const ids = controls.map((c) => c.id);
  assert.equal(new Set(ids).size, ids.length, "ids are unique");
  // Each control is described by its hint (type, range, whether it may be empty).
  for (const control of controls) {
    assert.ok(page.one(`#${control.getAttribute("aria-describedby")}`), control.id);
  }
});

Deno.test("Home Credit fields are grouped, every group titled, none left in Other", () => {
  const page = homeCreditPage();
  const groups = Object.fromEntries(
    page.all("#applicant fieldset").map((f) => [
      f.querySelector("legend").textContent.replace(/ \(\d+\)$/, ""),
      [...f.querySelectorAll("[name]")].map((c: { getAttribute(n: string): string }) =>
        c.getAttribute("name")
      ),
    ]),
  );
  assert.deepEqual(Object.keys(groups), [
    "Applicant",
    "Income and credit",
    "Employment",
    "External scores",
    "Credit bureau and social circle",
    "Housing",
    "Region and address",
    "Contact and documents",
    "Application",
  ]);
  assert.deepEqual(groups["External scores"], ["EXT_SOURCE_1", "EXT_SOURCE_2", "EXT_SOURCE_3"]);
  assert.ok(groups["Applicant"].includes("CODE_GENDER"));
  assert.ok(groups["Income and credit"].includes("AMT_CREDIT"));
  assert.ok(groups["Employment"].includes("DAYS_EMPLOYED"));
  assert.ok(groups["Housing"].includes("APARTMENTS_AVG"));
  assert.ok(groups["Credit bureau and social circle"].includes("AMT_REQ_CREDIT_BUREAU_YEAR"));
});

Deno.test("category levels are the options of a select, with an empty choice first", () => {
  const page = homeCreditPage();
  const gender = page.one('select[name="CODE_GENDER"]');
  assert.deepEqual(
    [...gender.querySelectorAll("option")].map((o: { value: string }) => o.value),
    ["", "F", "M", "XNA"],
  );
  assert.ok(gender.hasAttribute("required"));
  const suite = page.one('select[name="NAME_TYPE_SUITE"]');
  assert.ok(!suite.hasAttribute("required"), "a nullable field may be left empty");
  assert.equal(suite.querySelector("option").textContent, "(missing)");
});

Deno.test("number ranges are the inputs' min and max, integers step by 1, floats by any", () => {
  const page = homeCreditPage();
  const contract = homeCreditContract("application_train", { source: "synthetic" });
  const numbers = contract.columns.filter((c) =>
    c.name !== "TARGET" && (c.type === "int" || c.type === "float")
  );
  assert.ok(numbers.length > 50);
  for (const column of numbers) {
    const input = page.one(`input[name="${column.name}"]`);
    assert.equal(input.getAttribute("type"), "number", column.name);
    assert.equal(input.getAttribute("min"), column.min === undefined ? null : String(column.min));
    assert.equal(input.getAttribute("max"), column.max === undefined ? null : String(column.max));
    assert.equal(input.getAttribute("step"), column.type === "int" ? "1" : "any", column.name);
  }
  const employed = page.one('input[name="DAYS_EMPLOYED"]');
  assert.match(page.one(`#${employed.getAttribute("aria-describedby")}`).textContent, /or 365243/);
});

Deno.test("a csv contract is one group without the target; every field may be empty", () => {
  const page = csvPage();
  const legends = page.all("#applicant legend").map((l) => l.textContent);
  assert.deepEqual(legends, ["Applicant (5)"]);
  const controls = page.all("#applicant [name]");
  assert.deepEqual(controls.map((c) => c.getAttribute("name")), [
    "loan_id",
    "income",
    "city",
    "member",
    "note",
  ]);
  assert.deepEqual(controls.filter((c) => c.hasAttribute("required")), []);
  const member = page.one('select[name="member"]');
  assert.deepEqual(
    [...member.querySelectorAll("option")].map((o: { value: string }) => o.value),
    ["", "true", "false"],
    "a boolean is a tri-state select: missing, true, false",
  );
  assert.deepEqual(
    [...page.one('select[name="city"]').querySelectorAll("option")].map((o: { value: string }) =>
      o.value
    ),
    ["", "Bergen", "Oslo"],
  );
  assert.equal(page.one('input[name="income"]').getAttribute("max"), "9000.5");
  assert.equal(page.one('textarea[name="note"]').tagName, "TEXTAREA");
});

Deno.test("the page config names the fields, the batch limit and the dropped columns", () => {
  const page = csvPage();
  const config = JSON.parse(page.one("#ui-config").textContent) as UiConfig;
  assert.equal(config.csv, true);
  assert.equal(config.maxBatchRows, 7);
  assert.deepEqual(config.ignored, ["defaulted"]);
  assert.deepEqual(config.fields[3], { name: "member", type: "boolean", optional: true });
  assert.deepEqual([config.trueValues, config.falseValues], [["yes"], ["no"]]);
  assert.equal(page.one("#fill-example"), null, "no example, no fill button");
});

Deno.test("the page loads only its own scripts and a hostile example cannot close its script", () => {
  const html = renderUiPage({
    version: "v<1>",
    info: {
      source: "csv",
      contract: CSV_CONTRACT,
      omit: [],
      csv: CSV_FORMAT,
      tiers: TIERS,
      example: { note: "</script><script>alert(1)</script>" },
    },
    maxBatchRows: 7,
  });
  assert.doesNotMatch(html, /https?:\/\/|<link[^>]+href="(?!data:)/);
  const page = parse(html);
  assert.deepEqual(page.all("script[src]").map((s) => s.getAttribute("src")), [
    "ui/assets/d3.js",
    "ui/assets/plot.js",
    "ui/assets/ui.js",
  ]);
  assert.equal(page.all("script").length, 4);
  const config = JSON.parse(page.one("#ui-config").textContent) as UiConfig;
  assert.equal(config.example?.note, "</script><script>alert(1)</script>");
  assert.equal(page.one("#model-version").textContent, "v<1>");
});

Deno.test("the tabs and result regions are reachable and announced", () => {
  const page = homeCreditPage();
  const tabs = page.all("[role=tab]");
  assert.deepEqual(tabs.map((t) => t.getAttribute("aria-controls")), ["panel-one", "panel-batch"]);
  assert.equal(page.one("#result").getAttribute("aria-live"), "polite");
  assert.equal(page.one("#result").getAttribute("tabindex"), "-1");
  assert.equal(page.one("#batch-result").getAttribute("aria-live"), "polite");
  assert.equal(labelOf(page, page.one("#batch-file")), "CSV file");
});
