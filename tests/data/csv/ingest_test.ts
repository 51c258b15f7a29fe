import assert from "node:assert/strict";
import { ContractViolationError, validateTables } from "../../../lib/contracts/mod.ts";
import { ingestCsv } from "../../../lib/data/csv/mod.ts";
import { readCsvContract, writeCsvContract } from "../../../lib/contracts/mod.ts";
import { openDuckDb, queryRows } from "../../../lib/duckdb/mod.ts";

/** Quoted cells with commas and quotes, a cell spanning two lines, missing markers. */
const MESSY = [
  "id,name,age,income,member,grade,y",
  '1,"Smith, J",34,1000.5,yes,A,bad',
  '2,"multi',
  'line",NA,?,no,B,good',
  "3,Bob,41,2500,Y,A,good",
  "4,,29,300,N/A,,bad",
  "5,Eve,?,300,no,C,good",
  '6,"Ann ""Jr""",52,1200.25,true,B,good',
].join("\n") + "\n";

async function workspace(csv: string) {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/in.csv`, csv);
  const options = {
    path: `${dir}/in.csv`,
    idColumn: "id" as string | null,
    targetColumn: "y",
    positiveLabel: "bad",
    contractPath: `${dir}/contracts/csv.contract.json`,
    outDir: `${dir}/parquet`,
  };
  return { dir, options, cleanup: () => Deno.remove(dir, { recursive: true }) };
}

Deno.test("column types are inferred from the text cells and written for review", async () => {
  const ws = await workspace(MESSY);
  try {
    const result = await ingestCsv(ws.options);
    assert.equal(result.contractWritten, true);
    assert.equal(result.rows, 6);
    const file = await readCsvContract(ws.options.contractPath);
    assert.deepEqual(file.contract.columns.map((c) => [c.name, c.type, c.nullable]), [
      ["id", "int", false],
      ["y", "int", false],
      ["name", "category", true],
      ["age", "int", true],
      ["income", "float", true],
      ["member", "boolean", true],
      ["grade", "category", true],
    ]);
    assert.deepEqual(file.contract.columns[6].levels, ["A", "B", "C"]);
    assert.deepEqual([file.csv.positiveLabel, file.csv.negativeLabel], ["bad", "good"]);
    assert.deepEqual(file.contract.key, ["id"]);
  } finally {
    await ws.cleanup();
  }
});

Deno.test("typed parquet keeps quoted text and turns markers into nulls and the target into 0/1", async () => {
  const ws = await workspace(MESSY);
  try {
    await ingestCsv(ws.options);
    const conn = await openDuckDb({ threads: 1 });
    const rows = await queryRows(
      conn,
      `SELECT * FROM read_parquet('${ws.options.outDir}/table.parquet')`,
    );
    const source = JSON.parse(await Deno.readTextFile(`${ws.options.outDir}/source.json`));
    conn.closeSync();
    assert.deepEqual(rows, [
      { id: 1, y: 1, name: "Smith, J", age: 34, income: 1000.5, member: true, grade: "A" },
      { id: 2, y: 0, name: "multi\nline", age: null, income: null, member: false, grade: "B" },
      { id: 3, y: 0, name: "Bob", age: 41, income: 2500, member: true, grade: "A" },
      { id: 4, y: 1, name: null, age: 29, income: 300, member: null, grade: null },
      { id: 5, y: 0, name: "Eve", age: null, income: 300, member: false, grade: "C" },
      { id: 6, y: 0, name: 'Ann "Jr"', age: 52, income: 1200.25, member: true, grade: "B" },
    ]);
    assert.deepEqual(source, {
      source: "csv",
      tables: ["table"],
      rows: { table: 6 },
      // the contract's category levels, for the feature store
      levels: {
        name: ['Ann "Jr"', "Bob", "Eve", "Smith, J", "multi\nline"],
        grade: ["A", "B", "C"],
      },
    });
  } finally {
    await ws.cleanup();
  }
});

Deno.test("one bad cell in a numeric column is reported with file, physical line and value", async () => {
  const ws = await workspace(MESSY.replace("3,Bob,41,2500", "3,Bob,41,abc"));
  try {
    await assert.rejects(() => ingestCsv(ws.options), (error: unknown) => {
      assert.ok(error instanceof ContractViolationError);
      assert.deepEqual(error.report.errors.map((r) => [r.column, r.check, r.message, r.failures]), [
        ["income", "parse", "Must be a finite number", 1],
      ]);
      assert.deepEqual(error.cases, [{
        table: "table",
        column: "income",
        check: "parse",
        rowKey: { id: 3 },
        value: "abc",
        file: ws.options.path,
        line: 5,
      }]);
      return true;
    });
    const file = await readCsvContract(ws.options.contractPath);
    assert.equal(file.contract.columns.find((c) => c.name === "income")?.type, "float");
  } finally {
    await ws.cleanup();
  }
});

Deno.test("a reviewed contract is honoured on the next run", async () => {
  const ws = await workspace(MESSY);
  try {
    await ingestCsv(ws.options);
    const file = await readCsvContract(ws.options.contractPath);
    const grade = file.contract.columns.find((c) => c.name === "grade")!;
    grade.levels = ["A", "B"];
    const age = file.contract.columns.find((c) => c.name === "age")!;
    age.max = 50;
    await writeCsvContract(ws.options.contractPath, file);
    const result = await ingestCsv(ws.options);
    assert.equal(result.contractWritten, false);
    const conn = await openDuckDb({ threads: 1 });
    const report = await validateTables(
      conn,
      [{ contract: result.contract, path: result.parquetPath }],
      { name: "raw" },
    );
    conn.closeSync();
    assert.deepEqual(report.errors.map((r) => [r.column, r.check, r.sample]), [
      ["age", "max", [{
        table: "table",
        column: "age",
        check: "max",
        rowKey: { id: 6 },
        value: 52,
      }]],
      ["grade", "in_set", [{
        table: "table",
        column: "grade",
        check: "in_set",
        rowKey: { id: 5 },
        value: "C",
      }]],
    ]);
  } finally {
    await ws.cleanup();
  }
});

Deno.test("a column typed boolean by review rejects a word outside its true and false sets", async () => {
  const ws = await workspace(MESSY);
  try {
    await ingestCsv(ws.options);
    await Deno.writeTextFile(
      ws.options.path,
      MESSY.replace("3,Bob,41,2500,Y", "3,Bob,41,2500,maybe"),
    );
    await assert.rejects(() => ingestCsv(ws.options), (error: unknown) => {
      assert.ok(error instanceof ContractViolationError);
      assert.deepEqual(error.cases.map((c) => [c.column, c.value, c.line]), [
        ["member", "maybe", 5],
      ]);
      return true;
    });
  } finally {
    await ws.cleanup();
  }
});

Deno.test("without an id column rows are numbered into ROW_ID", async () => {
  const ws = await workspace("a,target\n1.5,1\n2.5,0\n,1\n");
  try {
    const result = await ingestCsv({
      ...ws.options,
      idColumn: null,
      targetColumn: "target",
      positiveLabel: "1",
    });
    assert.deepEqual(result.contract.key, ["ROW_ID"]);
    const conn = await openDuckDb({ threads: 1 });
    const rows = await queryRows(conn, `SELECT * FROM read_parquet('${result.parquetPath}')`);
    conn.closeSync();
    assert.deepEqual(rows, [
      { ROW_ID: 1, target: 1, a: 1.5 },
      { ROW_ID: 2, target: 0, a: 2.5 },
      { ROW_ID: 3, target: 1, a: null },
    ]);
  } finally {
    await ws.cleanup();
  }
});

Deno.test("a CSV whose header left the reviewed contract is refused with every column named", async () => {
  const ws = await workspace(MESSY);
  try {
    await ingestCsv(ws.options);
    await Deno.writeTextFile(ws.options.path, MESSY.replace("grade,y", "level,y"));
    await assert.rejects(() => ingestCsv(ws.options), (error: unknown) => {
      assert.ok(error instanceof ContractViolationError);
      assert.deepEqual(error.report.errors.map((r) => [r.column, r.check]), [
        ["grade", "column_present"],
        ["level", "unexpected_column"],
      ]);
      return true;
    });
  } finally {
    await ws.cleanup();
  }
});
