import assert from "node:assert/strict";
import { renderEvaluationReport } from "../../../lib/evaluation/report/mod.ts";
import { parse } from "../../report/fixtures.ts";
import { LINEAGE, smallEvaluation } from "./fixture.ts";

const evaluation = await smallEvaluation(false);

Deno.test("the reason-code section lists the unmapped top features as warnings", () => {
  const titles = (html: string) => parse(html).all("h2").map((h) => h.textContent);
  assert.equal(titles(renderEvaluationReport(evaluation, LINEAGE)).includes("Reason codes"), false);
  const doc = parse(renderEvaluationReport(evaluation, LINEAGE, {
    reasons: {
      table: "reasons.yaml",
      checked: 15,
      unmapped: [{ name: "CODE_GENDER", rank: 4, meanAbsShap: 0.125 }],
    },
  }));
  const section = doc.one("#reason-codes");
  assert.ok(section, "no reason-code section");
  const cells = [...section.querySelectorAll("tbody td")].map((td: { textContent: string }) =>
    td.textContent
  );
  assert.deepEqual(cells, ["4", "CODE_GENDER", "0.125", "unmapped"]);
  assert.match(section.textContent, /1 of the top 15 features have no reason code/);
});

Deno.test("a table covering every top feature says so", () => {
  const doc = parse(renderEvaluationReport(evaluation, LINEAGE, {
    reasons: { table: "reasons.yaml", checked: 15, unmapped: [] },
  }));
  assert.match(
    doc.one("#reason-codes").textContent,
    /Each of the top 15 features has a reason code/,
  );
});
