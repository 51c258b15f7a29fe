import assert from "node:assert/strict";
import { join } from "node:path";
import {
  type DuckDBConnection,
  openDuckDb,
  queryRows,
  quoteLiteral,
} from "../../lib/duckdb/mod.ts";
import { HOME_CREDIT_TABLES } from "../../lib/contracts/home_credit_schema.ts";
import { buildFeatureStore } from "../../lib/features/build.ts";
import type { FeatureManifest } from "../../lib/features/manifest/mod.ts";
import { createFixtureTable } from "./fixture.ts";
import { ingestCsv } from "../../lib/data/csv/mod.ts";
import { readCsvContract, writeCsvContract } from "../../lib/contracts/mod.ts";

async function writeSource(dir: string, source: string, rows: Record<string, number>) {
  const info = { source, tables: Object.keys(rows), rows };
  await Deno.writeTextFile(join(dir, "source.json"), JSON.stringify(info));
}

async function copyOut(conn: DuckDBConnection, table: string, dir: string, file = table) {
  await conn.run(
    `COPY "${table}" TO ${quoteLiteral(join(dir, `${file}.parquet`))} (FORMAT parquet)`,
  );
}

async function columnTypes(path: string): Promise<Record<string, string>> {
  const conn = await openDuckDb({ threads: 1 });
  const rows = await queryRows(conn, `DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(path)})`);
  conn.closeSync();
  return Object.fromEntries(rows.map((row) => [row.column_name, row.column_type]));
}

async function readStore(path: string): Promise<Record<string, unknown>[]> {
  const conn = await openDuckDb({ threads: 1 });
  const rows = await queryRows(conn, `SELECT * FROM read_parquet(${quoteLiteral(path)})`);
  conn.closeSync();
  return rows;
}

Deno.test("a home-credit source builds a typed store and a manifest of its columns", async () => {
  const dir = await Deno.makeTempDir();
  const conn = await openDuckDb({ threads: 1 });
  await createFixtureTable(conn, "application_train", [
    { SK_ID_CURR: 7, TARGET: 1, CODE_GENDER: "M", FLAG_MOBIL: 1, AMT_CREDIT: 10 },
    { SK_ID_CURR: 5, TARGET: 0, CODE_GENDER: "F", FLAG_MOBIL: 0, AMT_CREDIT: 20 },
  ]);
  await createFixtureTable(conn, "bureau", [{
    SK_ID_CURR: 5,
    SK_ID_BUREAU: 1,
    CREDIT_ACTIVE: "Active",
  }]);
  for (const table of HOME_CREDIT_TABLES.slice(2)) await createFixtureTable(conn, table, []);
  for (const table of HOME_CREDIT_TABLES) await copyOut(conn, table, dir);
  conn.closeSync();
  await writeSource(dir, "synthetic", { application_train: 2 });
  const outDir = join(dir, "features");
  const percents: number[] = [];
  const result = await buildFeatureStore({
    parquetDir: dir,
    outDir,
    threads: 1,
    onProgress: (percent) => percents.push(percent),
  });

  assert.equal(result.rows, 2);
  assert.equal(percents.at(-1), 100);
  const manifest: FeatureManifest = JSON.parse(await Deno.readTextFile(result.manifestPath));
  assert.deepEqual(manifest, result.manifest);
  const types = await columnTypes(result.storePath);
  assert.deepEqual(Object.keys(types), [
    "SK_ID_CURR",
    "TARGET",
    ...manifest.features.map((f) => f.name),
  ]);
  assert.equal(types.SK_ID_CURR, "BIGINT");
  assert.equal(types.TARGET, "INTEGER");
  assert.equal(types.CODE_GENDER, "INTEGER");
  assert.equal(types.FLAG_MOBIL, "INTEGER");
  assert.equal(types.AMT_CREDIT, "DOUBLE");
  assert.equal(types.BURO_CREDIT_COUNT, "DOUBLE");
  const rows = await readStore(result.storePath);
  assert.deepEqual(
    rows.map((
      r,
    ) => [r.SK_ID_CURR, r.TARGET, r.CODE_GENDER, r.BURO_CREDIT_COUNT, r.BURO_ACTIVE_SHARE]),
    [[5, 0, 0, 1, 1], [7, 1, 1, 0, null]],
  );
});

async function writeCsvTable(dir: string, values: string): Promise<void> {
  const conn = await openDuckDb({ threads: 1 });
  await conn.run(
    `CREATE TABLE t AS SELECT * FROM (VALUES ${values}) AS v(id, age, income, city, smoker, y)`,
  );
  await copyOut(conn, "t", dir, "table");
  conn.closeSync();
  await writeSource(dir, "csv", { table: 3 });
}

const CSV_ROWS = `('b', 40::BIGINT, 1.5::DOUBLE, 'Oslo', 1::BIGINT, 'yes'),
  ('a', 30, NULL, NULL, 0, 'no'),
  ('c', 50, 'NaN'::DOUBLE, 'Bergen', NULL, 'no')`;

Deno.test("a csv source becomes the typed table with encoded text columns and a 0/1 target", async () => {
  const dir = await Deno.makeTempDir();
  await writeCsvTable(dir, CSV_ROWS);
  const result = await buildFeatureStore({
    parquetDir: dir,
    outDir: join(dir, "features"),
    csv: { idColumn: "id", targetColumn: "y", positiveLabel: "yes" },
    threads: 1,
  });
  assert.deepEqual(result.manifest.features.map((f) => [f.name, f.type, f.levels]), [
    ["age", "numeric", undefined],
    ["income", "numeric", undefined],
    ["city", "categorical", ["Bergen", "Oslo"]],
    ["smoker", "boolean", undefined],
  ]);
  assert.equal(result.manifest.key, "id");
  assert.deepEqual(await readStore(result.storePath), [
    { id: "a", TARGET: 0, age: 30, income: null, city: null, smoker: 0 },
    { id: "b", TARGET: 1, age: 40, income: 1.5, city: 1, smoker: 1 },
    { id: "c", TARGET: 0, age: 50, income: null, city: 0, smoker: null },
  ]);
});

Deno.test("a csv without an id column is keyed by row number in file order", async () => {
  const dir = await Deno.makeTempDir();
  await writeCsvTable(dir, CSV_ROWS);
  const result = await buildFeatureStore({
    parquetDir: dir,
    outDir: join(dir, "features"),
    csv: { idColumn: null, targetColumn: "y", positiveLabel: "yes" },
    threads: 1,
  });
  assert.equal(result.manifest.key, "ROW_ID");
  const rows = await readStore(result.storePath);
  assert.deepEqual(rows.map((r) => [r.ROW_ID, r.id, r.TARGET]), [[1, 1, 1], [2, 0, 0], [3, 2, 0]]);
});

Deno.test("a positive label the target never holds is refused with the values seen", async () => {
  const dir = await Deno.makeTempDir();
  await writeCsvTable(dir, CSV_ROWS);
  await assert.rejects(
    buildFeatureStore({
      parquetDir: dir,
      outDir: join(dir, "features"),
      csv: { idColumn: "id", targetColumn: "y", positiveLabel: "1" },
      threads: 1,
    }),
    {
      name: "RangeError",
      message:
        'Cannot build the CSV feature store: target column "y" never holds the positive label "1" (values: no, yes)',
    },
  );
});

Deno.test("a csv ingested by the csv source keeps its row ids and 0/1 target", async () => {
  const dir = await Deno.makeTempDir();
  const csvPath = join(dir, "loans.csv");
  await Deno.writeTextFile(
    csvPath,
    'age,city,income,y\n40,"Oslo, N",1.5,yes\n30,NA,,no\n50,Bergen,?,no\n',
  );
  const outDir = join(dir, "raw");
  await Deno.mkdir(outDir);
  await ingestCsv({
    path: csvPath,
    idColumn: null,
    targetColumn: "y",
    positiveLabel: "yes",
    contractPath: join(dir, "csv.contract.json"),
    outDir,
  });
  const result = await buildFeatureStore({
    parquetDir: outDir,
    outDir: join(dir, "features"),
    csv: { idColumn: null, targetColumn: "y", positiveLabel: "yes" },
    threads: 1,
  });
  assert.equal(result.manifest.key, "ROW_ID");
  assert.deepEqual(result.manifest.features.map((f) => [f.name, f.type, f.levels]), [
    ["age", "numeric", undefined],
    ["city", "categorical", ["Bergen", "Oslo, N"]],
    ["income", "numeric", undefined],
  ]);
  assert.deepEqual(await readStore(result.storePath), [
    { ROW_ID: 1, TARGET: 1, age: 40, city: 1, income: 1.5 },
    { ROW_ID: 2, TARGET: 0, age: 30, city: null, income: null },
    { ROW_ID: 3, TARGET: 0, age: 50, city: 0, income: null },
  ]);
});

Deno.test("a csv store codes categories by the reviewed contract's levels, not the data's", async () => {
  const dir = await Deno.makeTempDir();
  const csvPath = join(dir, "loans.csv");
  await Deno.writeTextFile(csvPath, "city,y\nOslo,yes\nBergen,no\nOslo,no\n");
  const contractPath = join(dir, "csv.contract.json");
  const outDir = join(dir, "raw");
  await Deno.mkdir(outDir);
  const ingest = () =>
    ingestCsv({
      path: csvPath,
      idColumn: null,
      targetColumn: "y",
      positiveLabel: "yes",
      contractPath,
      outDir,
    });
  await ingest();
  // The reviewer orders the levels and adds one the data does not hold yet.
  const file = await readCsvContract(contractPath);
  const city = file.contract.columns.find((c) => c.name === "city")!;
  assert.equal(city.type, "category");
  city.levels = ["Trondheim", "Oslo", "Bergen"];
  await writeCsvContract(contractPath, file);
  await ingest();
  const result = await buildFeatureStore({
    parquetDir: outDir,
    outDir: join(dir, "features"),
    csv: { idColumn: null, targetColumn: "y", positiveLabel: "yes" },
    threads: 1,
  });
  assert.deepEqual(result.manifest.features.map((f) => f.levels), [[
    "Trondheim",
    "Oslo",
    "Bergen",
  ]]);
  assert.deepEqual((await readStore(result.storePath)).map((r) => r.city), [1, 2, 1]);
  await Deno.remove(dir, { recursive: true });
});
