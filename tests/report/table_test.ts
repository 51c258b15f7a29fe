import assert from "node:assert/strict";
import { badge, formatNumber, renderHtmlTable } from "../../lib/report/mod.ts";
import { parse } from "./fixtures.ts";

Deno.test("a table has a header row and one row per data row with escaped cells", () => {
  const table = parse(
    String(renderHtmlTable({
      columns: ["feature", "PSI", "status"],
      rows: [["AMT_<CREDIT>", 0.31234567, badge("alert", "alert")], ["AGE", 0.01, null]],
      caption: "Drift by feature",
    })),
  );
  assert.deepEqual(table.all("th").map((th) => th.textContent), ["feature", "PSI", "status"]);
  const rows = table.all("tbody tr").map((tr) =>
    [...tr.querySelectorAll("td")].map((td) => td.textContent)
  );
  assert.deepEqual(rows, [["AMT_<CREDIT>", "0.3123", "alert"], ["AGE", "0.01", "–"]]);
  assert.equal(table.one("caption")?.textContent, "Drift by feature");
  assert.equal(table.all("td.num").length, 2);
  assert.equal(table.all("span.badge.alert").length, 1);
});

Deno.test("a row with the wrong number of cells names the row and both counts", () => {
  assert.throws(
    () => renderHtmlTable({ columns: ["a", "b"], rows: [[1, 2], [3]] }),
    { name: "RangeError", message: "Cannot render table row 1: it has 1 cells, the header 2" },
  );
});

Deno.test("numbers are formatted with separators, significant digits or exponents", () => {
  assert.deepEqual(
    [1234567, 0.123456, 12.5, 0.00001234, NaN, -0.5].map((v) => formatNumber(v)),
    ["1,234,567", "0.1235", "12.5", "1.234e-5", "–", "-0.5"],
  );
});
