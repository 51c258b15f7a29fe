/**
 * Bulk contract validation of generated Home Credit tables: all seven tables, every
 * column check, key uniqueness and foreign keys, as SQL in DuckDB.
 * `deno bench -A bench/contracts_bench.ts` (RISKPIPE_BENCH_APPLICANTS=307511 for Kaggle
 * scale, ~58M rows; the default 30,000 applicants give ~5.7M rows). Rows/s is printed.
 * With RISKPIPE_BENCH_DIR set, tables already generated there are reused.
 */
import { homeCreditContracts, validateTables } from "../lib/contracts/mod.ts";
import { openDuckDb } from "../lib/duckdb/mod.ts";
import { generateHomeCredit } from "../lib/data/home_credit/generator/mod.ts";

const APPLICANTS = Number(Deno.env.get("RISKPIPE_BENCH_APPLICANTS") ?? 30_000);
const given = Deno.env.get("RISKPIPE_BENCH_DIR");
const dir = given ?? await Deno.makeTempDir({ prefix: "contracts_bench_" });
const present = await Deno.stat(`${dir}/credit_card_balance.parquet`).then(() => true, () => false);
if (!present) await generateHomeCredit({ outDir: dir, seed: 11, applicants: APPLICANTS });

const contracts = homeCreditContracts({
  source: "synthetic",
  minRows: { application_train: APPLICANTS },
});
const inputs = contracts.map((contract) => ({
  contract,
  path: `${dir}/${contract.table}.parquet`,
}));
const conn = await openDuckDb();

Deno.bench({
  name: `validate 7 Home Credit tables (${APPLICANTS} applicants)`,
  n: 3,
  warmup: 1,
  async fn(b) {
    b.start();
    const started = performance.now();
    const report = await validateTables(conn, inputs, { name: "bench" });
    const seconds = (performance.now() - started) / 1000;
    b.end();
    if (!report.ok) throw new Error(`Bench data failed ${report.counts.errorChecks} checks`);
    const rows = report.tables.reduce((sum, t) => sum + t.rows, 0);
    console.log(
      `validated ${rows} rows in ${seconds.toFixed(2)} s: ${Math.round(rows / seconds)} rows/s`,
    );
  },
});

globalThis.addEventListener("unload", () => {
  conn.closeSync();
  if (given === undefined) Deno.removeSync(dir, { recursive: true });
});
