import assert from "node:assert/strict";
import { ContractViolationError } from "../../../lib/contracts/mod.ts";
import { ingestCsv, type IngestCsvOptions } from "../../../lib/data/csv/mod.ts";

/** Runs ingest on a hand-written CSV in a temp dir; returns what it threw and what it left. */
async function ingestText(
  csv: string | Uint8Array,
  options: Partial<IngestCsvOptions> = {},
): Promise<{ error: unknown; path: string; left: string[] }> {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/in.csv`;
    if (typeof csv === "string") await Deno.writeTextFile(path, csv);
    else await Deno.writeFile(path, csv);
    let error: unknown;
    try {
      await ingestCsv({
        path,
        idColumn: "id",
        targetColumn: "y",
        positiveLabel: "bad",
        contractPath: `${dir}/contracts/csv.contract.json`,
        outDir: `${dir}/parquet`,
        ...options,
      });
    } catch (caught) {
      error = caught;
    }
    const left: string[] = [];
    for await (const entry of Deno.readDir(dir)) left.push(entry.name);
    return { error, path, left: left.sort() };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function assertError(error: unknown, name: string, message: string): void {
  assert.ok(error instanceof Error, `expected an error, got ${String(error)}`);
  assert.equal(error.message, message);
  assert.equal(error.name, name);
}

Deno.test("an empty file is refused as empty, not as a header without the id column", async () => {
  const { error, path, left } = await ingestText("");
  assertError(error, "SyntaxError", `Cannot ingest "${path}": file is empty (no header line)`);
  assert.deepEqual(left, ["in.csv"]);
});

Deno.test("a file whose first line is blank has no header line", async () => {
  const { error, path } = await ingestText("\n1,2,bad\n");
  assertError(error, "SyntaxError", `Cannot ingest "${path}": line 1 is blank (no header line)`);
});

Deno.test("a header without rows is refused as such", async () => {
  const { error, path } = await ingestText("id,a,y\n");
  assertError(error, "SyntaxError", `Cannot ingest "${path}": file has a header but no rows`);
});

Deno.test("ragged rows name the file, each physical line and the field counts", async () => {
  // The quoted cell of line 2 spans two lines, so the short row is on line 4, not 3.
  const csv = 'id,a,y\n1,"two\nlines",bad\n2,3\n3,4,good,5,6\n4,x,good\n';
  const { error, path, left } = await ingestText(csv);
  assertError(
    error,
    "SyntaxError",
    `Cannot ingest "${path}": ragged rows: the header has 3 fields but line 4 has 2, line 5 has 5`,
  );
  assert.deepEqual(left, ["in.csv"]);
});

Deno.test("ragged rows are numbered by physical line with CRLF endings and blank lines", async () => {
  const csv = 'id,a,y\r\n1,"two\r\nlines",bad\r\n\r\n2,3\r\n4,x,good\r\n';
  const { error, path } = await ingestText(csv);
  assertError(
    error,
    "SyntaxError",
    `Cannot ingest "${path}": ragged rows: the header has 3 fields but line 5 has 2`,
  );
});

Deno.test("many ragged rows show the first five and the count", async () => {
  const rows = Array.from({ length: 8 }, (_, i) => `${i},${i % 2 === 0 ? "bad" : "good"}`);
  const { error, path } = await ingestText(`id,a,y\n1,2,bad\n${rows.join("\n")}\n`);
  assertError(
    error,
    "SyntaxError",
    `Cannot ingest "${path}": ragged rows: the header has 3 fields but line 3 has 2, ` +
      "line 4 has 2, line 5 has 2, line 6 has 2, line 7 has 2, … (8 ragged lines)",
  );
});

Deno.test("a line past the reader's limit names the line, the limit and the param", async () => {
  const long = "x".repeat(3_000_000);
  const { error, path } = await ingestText(`id,a,y\n1,${long},bad\n2,b,good\n`);
  assertError(
    error,
    "RangeError",
    `Cannot ingest "${path}": line 2 is 3000006 bytes, over the csv reader's limit of ` +
      "2000000 bytes per line; raise param data.csv.max_line_size (DuckDB's max_line_size) " +
      "above 3000006",
  );
});

Deno.test("a long line after the sniffed sample is named too", async () => {
  const rows = Array.from({ length: 25_000 }, (_, i) => `${i},a,${i % 2 === 0 ? "bad" : "good"}`);
  const long = "x".repeat(2_500_000);
  const csv = `id,a,y\n${rows.join("\n")}\n25000,${long},good\n25001,b,bad\n`;
  const { error, path } = await ingestText(csv, { maxLineSize: 2_100_000 });
  assertError(
    error,
    "RangeError",
    `Cannot ingest "${path}": line 25002 is 2500011 bytes, over the csv reader's limit of ` +
      "2100000 bytes per line; raise param data.csv.max_line_size (DuckDB's max_line_size) " +
      "above 2500011",
  );
});

Deno.test("max_line_size raises the reader's limit", async () => {
  const long = "x".repeat(3_000_000);
  const { error } = await ingestText(`id,a,y\n1,${long},bad\n2,b,good\n`, {
    maxLineSize: 4_000_000,
  });
  assert.equal(error, undefined);
});

Deno.test("a repeated header name is refused naming both columns and positions", async () => {
  const { error, path, left } = await ingestText("id,age,y,age\n1,2,bad,3\n2,3,good,4\n");
  assertError(
    error,
    "SyntaxError",
    `Cannot ingest "${path}": header repeats a column name: column 2 "age" and column 4 ` +
      '"age" (names must be unique, compared case-insensitively)',
  );
  assert.deepEqual(left, ["in.csv"]);
});

Deno.test("header names differing only in case are refused as repeated", async () => {
  const { error, path } = await ingestText('"id";"Age";"age";"y"\n1;2;3;bad\n2;3;4;good\n');
  assertError(
    error,
    "SyntaxError",
    `Cannot ingest "${path}": header repeats a column name: column 2 "Age" and column 3 ` +
      '"age" (names must be unique, compared case-insensitively)',
  );
});

Deno.test("a quoted header name with the delimiter inside is one column", async () => {
  const { error } = await ingestText('\ufeffid,"a, b",y\n1,2,bad\n2,3,good\n');
  assert.equal(error, undefined);
});

Deno.test("a target with a third label names the file, the column and the labels", async () => {
  const { error, path, left } = await ingestText("id,y\n1,bad\n2,good\n3,ugly\n");
  assertError(
    error,
    "TypeError",
    `Cannot ingest "${path}": target column "y" must hold two labels, but besides the ` +
      'positive label "bad" it holds "good", "ugly"',
  );
  assert.deepEqual(left, ["in.csv"]);
});

Deno.test("duplicate ids are refused with the id, its row count and the line it repeats on", async () => {
  const { error, path, left } = await ingestText(
    "id,a,y\n7,1,bad\n8,2,good\n7,3,good\n9,4,bad\n8,5,bad\n7,6,good\n",
  );
  assert.ok(error instanceof ContractViolationError);
  assert.deepEqual(error.report.errors.map((r) => [r.column, r.check, r.message, r.failures]), [
    ["id", "unique", "Must be unique; the value is the number of rows sharing it", 2],
  ]);
  assert.deepEqual(error.cases, [
    {
      table: "table",
      column: "id",
      check: "unique",
      rowKey: { id: 7 },
      value: 3,
      file: path,
      line: 4,
    },
    {
      table: "table",
      column: "id",
      check: "unique",
      rowKey: { id: 8 },
      value: 2,
      file: path,
      line: 6,
    },
  ]);
  // the inferred contract is written for review; no parquet is
  assert.deepEqual(left, ["contracts", "in.csv"]);
});

Deno.test("past the rejects limit the count of ragged lines is a lower bound", async () => {
  const rows = Array.from({ length: 1500 }, (_, i) => `${i},${i % 2 === 0 ? "bad" : "good"}`);
  const { error, path } = await ingestText(`id,a,y\n1,2,bad\n${rows.join("\n")}\n`);
  assertError(
    error,
    "SyntaxError",
    `Cannot ingest "${path}": ragged rows: the header has 3 fields but line 3 has 2, ` +
      "line 4 has 2, line 5 has 2, line 6 has 2, line 7 has 2, … (at least 1000 ragged lines)",
  );
});
