import assert from "node:assert/strict";
import { generateHomeCredit } from "../../../lib/data/home_credit/generator/mod.ts";
import { HOME_CREDIT_TABLES } from "../../../lib/contracts/home_credit_schema.ts";
import {
  HomeCreditCsvError,
  ingestHomeCreditCsv,
  readSourceInfo,
} from "../../../lib/data/ingest/mod.ts";
import { openDuckDb, queryRows, quoteLiteral } from "../../../lib/duckdb/mod.ts";

/** A tiny synthetic run exported as Kaggle-format CSVs (header, empty = missing). */
async function kaggleCsvs(): Promise<{ parquetDir: string; csvDir: string }> {
  const parquetDir = await Deno.makeTempDir({ prefix: "riskpipe-hc-parquet-" });
  const csvDir = await Deno.makeTempDir({ prefix: "riskpipe-hc-csv-" });
  await generateHomeCredit({ outDir: parquetDir, seed: 3, applicants: 200, threads: 1 });
  const conn = await openDuckDb({ threads: 1 });
  for (const table of HOME_CREDIT_TABLES) {
    await conn.run(
      `COPY (SELECT * FROM ${quoteLiteral(`${parquetDir}/${table}.parquet`)}) ` +
        `TO ${quoteLiteral(`${csvDir}/${table}.csv`)} (FORMAT csv, HEADER)`,
    );
  }
  conn.closeSync();
  return { parquetDir, csvDir };
}

async function replaceLine(file: string, line: number, edit: (text: string) => string) {
  const lines = (await Deno.readTextFile(file)).split("\n");
  lines[line - 1] = edit(lines[line - 1]);
  await Deno.writeTextFile(file, lines.join("\n"));
}

Deno.test("Kaggle-format CSVs land as parquet identical to the tables they came from", async () => {
  const { parquetDir, csvDir } = await kaggleCsvs();
  const outDir = await Deno.makeTempDir({ prefix: "riskpipe-hc-out-" });
  const info = await ingestHomeCreditCsv({ inputDir: csvDir, outDir, threads: 1 });
  const conn = await openDuckDb({ threads: 1 });
  for (const table of HOME_CREDIT_TABLES) {
    const [a, b] = [`${parquetDir}/${table}.parquet`, `${outDir}/${table}.parquet`]
      .map(quoteLiteral);
    const [row] = await queryRows(
      conn,
      `SELECT (SELECT count(*) FROM (FROM ${a} EXCEPT ALL FROM ${b})) AS lost, ` +
        `(SELECT count(*) FROM (FROM ${b} EXCEPT ALL FROM ${a})) AS gained, ` +
        `(SELECT count(*) FROM ${b}) AS n`,
    );
    assert.deepEqual([row.lost, row.gained], [0, 0], table);
    assert.equal(info.rows[table], row.n);
    const types = async (file: string) =>
      (await queryRows(conn, `DESCRIBE FROM ${file}`)).map((r) => r.column_type);
    assert.deepEqual(await types(b), await types(a), table);
  }
  conn.closeSync();
  assert.deepEqual(await readSourceInfo(outDir), info);
  assert.equal(info.source, "home-credit");
  for (const dir of [parquetDir, csvDir, outDir]) await Deno.remove(dir, { recursive: true });
});

Deno.test("a stray value fails naming the file, the column and the line", async () => {
  const { parquetDir, csvDir } = await kaggleCsvs();
  const file = `${csvDir}/bureau.csv`;
  // Line 4 of the file is the third record; DAYS_CREDIT is the fifth column.
  await replaceLine(file, 4, (text) => {
    const cells = text.split(",");
    cells[4] = "abc";
    return cells.join(",");
  });
  const outDir = await Deno.makeTempDir({ prefix: "riskpipe-hc-out-" });
  const error = await ingestHomeCreditCsv({ inputDir: csvDir, outDir, threads: 1 }).then(
    () => undefined,
    (e) => e,
  );
  assert.ok(error instanceof HomeCreditCsvError);
  assert.equal(error.file, file);
  assert.equal(
    error.message,
    `Cannot ingest ${file}: line 4, column "DAYS_CREDIT": ` +
      `cannot read "abc" as BIGINT`,
  );
  assert.deepEqual([error.line, error.column], [4, "DAYS_CREDIT"]);
  for (const dir of [parquetDir, csvDir, outDir]) await Deno.remove(dir, { recursive: true });
});

Deno.test("a header that differs from the schema is refused before reading", async () => {
  const { parquetDir, csvDir } = await kaggleCsvs();
  const file = `${csvDir}/previous_application.csv`;
  await replaceLine(file, 1, (text) => text.replace("NAME_CONTRACT_TYPE", "CONTRACT_TYPE"));
  const outDir = await Deno.makeTempDir({ prefix: "riskpipe-hc-out-" });
  await assert.rejects(
    ingestHomeCreditCsv({ inputDir: csvDir, outDir, threads: 1 }),
    (error: Error) => {
      assert.equal(
        error.message,
        `Cannot ingest ${file}: header column 3 is "CONTRACT_TYPE", expected "NAME_CONTRACT_TYPE"`,
      );
      return true;
    },
  );
  for (const dir of [parquetDir, csvDir, outDir]) await Deno.remove(dir, { recursive: true });
});

Deno.test("missing Kaggle files are all named at once", async () => {
  const inputDir = await Deno.makeTempDir({ prefix: "riskpipe-hc-empty-" });
  await Deno.writeTextFile(`${inputDir}/bureau.csv`, "SK_ID_CURR\n");
  await assert.rejects(
    ingestHomeCreditCsv({ inputDir, outDir: `${inputDir}/out` }),
    (error: Error) => {
      assert.equal(
        error.message,
        `Cannot ingest ${inputDir}: Kaggle CSVs not found: application_train.csv, ` +
          "bureau_balance.csv, previous_application.csv, POS_CASH_balance.csv, " +
          "installments_payments.csv, credit_card_balance.csv (download them from the " +
          "competition page)",
      );
      return true;
    },
  );
  await Deno.remove(inputDir, { recursive: true });
});
