import assert from "node:assert/strict";
import { validateTables } from "../../lib/contracts/mod.ts";
import { contract, openFixture } from "./parquet_fixture.ts";

const loans = contract({
  formatVersion: 1,
  table: "loans",
  key: ["id"],
  target: "y",
  columns: [
    { name: "id", type: "int", nullable: false },
    { name: "y", type: "int", nullable: false },
    { name: "x", type: "float", nullable: true, min: 0, max: 1 },
    { name: "days", type: "int", nullable: false, min: -100, max: 0, sentinels: [365243] },
    { name: "grade", type: "category", nullable: true, levels: ["A", "B"] },
  ],
});

const GOOD_ROWS = `(1::BIGINT, 0::BIGINT, 0.5::DOUBLE, -5::BIGINT, 'A'),
  (2, 1, NULL, 365243, 'B'), (3, 0, 1.0, 0, NULL)`;

function loansSelect(rows: string): string {
  return `SELECT * FROM (VALUES ${rows}) t(id, y, x, days, grade)`;
}

async function validateLoans(rows: string, table = loans) {
  const fixture = await openFixture();
  try {
    const path = await fixture.parquet("loans", loansSelect(rows));
    return await validateTables(fixture.conn, [{ contract: table, path }], { name: "test" });
  } finally {
    await fixture.close();
  }
}

function oneCase(check: string, column: string | null, rowKey: unknown, value: unknown) {
  return { table: "loans", column, check, rowKey, value };
}

Deno.test("a table that meets its contract passes with no findings", async () => {
  const report = await validateLoans(GOOD_ROWS);
  assert.equal(report.ok, true);
  assert.deepEqual(report.errors, []);
  assert.deepEqual(report.warnings, []);
  assert.deepEqual(report.tables, [{ table: "loans", rows: 3 }]);
});

Deno.test("a null in a non-nullable column is reported with its row key", async () => {
  const report = await validateLoans(`${GOOD_ROWS}, (4, 0, 0.1, NULL, 'A')`);
  assert.deepEqual(report.errors, [{
    table: "loans",
    column: "days",
    check: "not_null",
    severity: "error",
    message: "Must not be null",
    failures: 1,
    sample: [oneCase("not_null", "days", { id: 4 }, null)],
  }]);
});

Deno.test("NaN and infinity in a float column fail the finite check only", async () => {
  const report = await validateLoans(
    `${GOOD_ROWS}, (4, 0, 'nan'::DOUBLE, -1, 'A'), (5, 0, '-inf'::DOUBLE, -1, 'A')`,
  );
  assert.deepEqual(report.errors.map((r) => [r.check, r.failures]), [["finite", 2]]);
  assert.deepEqual(report.errors[0].sample, [
    oneCase("finite", "x", { id: 4 }, "NaN"),
    oneCase("finite", "x", { id: 5 }, "-Infinity"),
  ]);
});

Deno.test("values outside min and max fail while sentinels pass", async () => {
  const report = await validateLoans(
    `${GOOD_ROWS}, (4, 0, -0.5, -101, 'A'), (5, 0, 1.5, 1, 'B'), (6, 0, 0.2, 365243, 'B')`,
  );
  assert.deepEqual(
    report.errors.map((r) => [r.column, r.check, r.message, r.failures, r.sample]),
    [
      ["x", "min", "Must be at least 0", 1, [oneCase("min", "x", { id: 4 }, -0.5)]],
      ["x", "max", "Must be at most 1", 1, [oneCase("max", "x", { id: 5 }, 1.5)]],
      [
        "days",
        "min",
        "Must be at least -100 or a sentinel (365243)",
        1,
        [oneCase("min", "days", { id: 4 }, -101)],
      ],
      [
        "days",
        "max",
        "Must be at most 0 or a sentinel (365243)",
        1,
        [oneCase("max", "days", { id: 5 }, 1)],
      ],
    ],
  );
});

Deno.test("a category outside its level set fails in_set", async () => {
  const report = await validateLoans(`${GOOD_ROWS}, (4, 0, 0.1, -1, 'C'), (5, 0, 0.1, -1, 'a')`);
  assert.deepEqual(report.errors.map((r) => [r.check, r.message, r.failures]), [
    ["in_set", 'Must be one of "A", "B"', 2],
  ]);
  assert.deepEqual(report.errors[0].sample, [
    oneCase("in_set", "grade", { id: 4 }, "C"),
    oneCase("in_set", "grade", { id: 5 }, "a"),
  ]);
});

Deno.test("a target outside {0, 1} fails target_binary", async () => {
  const report = await validateLoans(`${GOOD_ROWS}, (4, 2, 0.1, -1, 'A')`);
  assert.deepEqual(report.errors.map((r) => [r.column, r.check, r.failures, r.sample]), [
    ["y", "target_binary", 1, [oneCase("target_binary", "y", { id: 4 }, 2)]],
  ]);
});

Deno.test("a duplicated key is reported once per key value with its row count", async () => {
  const report = await validateLoans(
    `${GOOD_ROWS}, (2, 0, 0.1, -1, 'A'), (2, 0, 0.1, -1, 'A'), (3, 0, 0.1, -1, 'A')`,
  );
  assert.deepEqual(report.errors.map((r) => [r.column, r.check, r.failures, r.sample]), [
    ["id", "unique", 2, [
      oneCase("unique", "id", { id: 2 }, 3),
      oneCase("unique", "id", { id: 3 }, 2),
    ]],
  ]);
});

Deno.test("a composite key is checked as a whole", async () => {
  const monthly = contract({
    formatVersion: 1,
    table: "loans",
    key: ["id", "y"],
    columns: loans.columns.map((c) => ({ ...c })),
  });
  const report = await validateLoans(
    `${GOOD_ROWS}, (1, 1, 0.1, -1, 'A'), (1, 1, 0.1, -1, 'A')`,
    monthly,
  );
  assert.deepEqual(report.errors.map((r) => [r.column, r.check, r.failures, r.sample]), [
    [null, "unique", 1, [oneCase("unique", null, { id: 1, y: 1 }, 2)]],
  ]);
});

Deno.test("a null rate above the soft limit warns without failing", async () => {
  const table = contract({
    ...loans,
    columns: loans.columns.map((c) =>
      c.name === "x" || c.name === "grade" ? { ...c, maxNullRate: 0.9, warnNullRate: 0.2 } : c
    ),
  });
  const report = await validateLoans(`${GOOD_ROWS}, (4, 0, NULL, -1, NULL)`, table);
  assert.equal(report.ok, true);
  assert.deepEqual(report.warnings.map((r) => [r.column, r.check, r.message, r.sample]), [
    ["x", "null_rate", "Null rate must be at most 0.2", [oneCase("null_rate", "x", null, 0.5)]],
    ["grade", "null_rate", "Null rate must be at most 0.2", [
      oneCase("null_rate", "grade", null, 0.5),
    ]],
  ]);
  assert.deepEqual(report.counts, {
    checks: 22,
    errorChecks: 0,
    errorCases: 0,
    warningChecks: 2,
    warningCases: 2,
  });
});

Deno.test("a null rate above the hard ceiling fails", async () => {
  const table = contract({
    ...loans,
    columns: loans.columns.map((c) => c.name === "grade" ? { ...c, maxNullRate: 0.5 } : c),
  });
  const report = await validateLoans(
    `${GOOD_ROWS}, (4, 0, 0.1, -1, NULL), (5, 0, 0.1, -1, NULL)`,
    table,
  );
  assert.deepEqual(report.errors.map((r) => [r.column, r.check, r.message, r.sample]), [
    ["grade", "max_null_rate", "Null rate must be at most 0.5", [
      oneCase("max_null_rate", "grade", null, 0.6),
    ]],
  ]);
});

Deno.test("too few rows fail the row-count floor", async () => {
  const report = await validateLoans(GOOD_ROWS, contract({ ...loans, minRows: 4 }));
  assert.deepEqual(report.errors.map((r) => [r.column, r.check, r.message, r.sample]), [
    [null, "min_rows", "Must have at least 4 rows", [oneCase("min_rows", null, null, 3)]],
  ]);
});

Deno.test("missing, unexpected, mistyped and reordered columns are reported", async () => {
  const fixture = await openFixture();
  try {
    const path = await fixture.parquet(
      "loans",
      `SELECT y, id, 'text' AS x, 7 AS extra FROM (VALUES (1::BIGINT, 0::BIGINT)) t(id, y)`,
    );
    const report = await validateTables(fixture.conn, [{ contract: loans, path }], {
      name: "test",
    });
    assert.deepEqual(report.errors.map((r) => [r.column, r.check, r.sample[0].value]), [
      ["x", "dtype", "VARCHAR"],
      ["days", "column_present", null],
      ["grade", "column_present", null],
      ["extra", "unexpected_column", "INTEGER"],
      ["id", "column_order", "y"],
    ]);
  } finally {
    await fixture.close();
  }
});

Deno.test("a table without a key names failing rows by 1-based row number", async () => {
  const keyless = contract({ ...loans, key: [] });
  const report = await validateLoans(`${GOOD_ROWS}, (4, 0, 0.1, 5, 'A')`, keyless);
  assert.deepEqual(report.errors[0].sample, [oneCase("max", "days", { row: 4 }, 5)]);
});

Deno.test("samples are capped while counts stay exact", async () => {
  const fixture = await openFixture();
  try {
    const path = await fixture.parquet(
      "loans",
      `SELECT i::BIGINT AS id, 0::BIGINT AS y, (2.0 + i)::DOUBLE AS x, -1::BIGINT AS days, 'A' AS grade
       FROM range(100) t(i)`,
    );
    const report = await validateTables(fixture.conn, [{ contract: loans, path }], {
      name: "test",
      sampleSize: 3,
    });
    assert.deepEqual(report.errors.map((r) => [r.check, r.failures, r.sample.length]), [
      ["max", 100, 3],
    ]);
    assert.deepEqual(report.errors[0].sample.map((c) => c.rowKey), [{ id: 0 }, { id: 1 }, {
      id: 2,
    }]);
  } finally {
    await fixture.close();
  }
});

Deno.test("every failing check of a run is listed, not only the first", async () => {
  const report = await validateLoans(
    `${GOOD_ROWS}, (4, 3, 'nan'::DOUBLE, NULL, 'Z'), (4, 0, 0.1, -1, 'A')`,
  );
  assert.deepEqual(report.errors.map((r) => `${r.column}:${r.check}`), [
    "y:target_binary",
    "x:finite",
    "days:not_null",
    "grade:in_set",
    "id:unique",
  ]);
  assert.deepEqual(report.counts, {
    checks: 18,
    errorChecks: 5,
    errorCases: 5,
    warningChecks: 0,
    warningCases: 0,
  });
});

Deno.test("validation reports its progress table by table, then the foreign keys", async () => {
  const fixture = await openFixture();
  try {
    const path = await fixture.parquet("loans", loansSelect(GOOD_ROWS));
    const steps: [number, number, string][] = [];
    await validateTables(fixture.conn, [{ contract: loans, path }], {
      name: "test",
      onProgress: (done, total, next) => steps.push([done, total, next]),
    });
    assert.deepEqual(steps, [[0, 2, "loans"], [1, 2, "foreign keys"], [2, 2, "done"]]);
  } finally {
    await fixture.close();
  }
});
