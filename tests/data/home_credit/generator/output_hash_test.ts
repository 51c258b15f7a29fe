/**
 * Pins the generated data of a small seeded run, table by table, so a change to the
 * generator that alters any value, row or row order fails here (content hashes from
 * lib/duckdb/content_hash.ts, independent of the parquet writer's layout).
 */
import assert from "node:assert/strict";
import { generateHomeCredit } from "../../../../lib/data/home_credit/generator/mod.ts";
import { HOME_CREDIT_TABLES } from "../../../../lib/contracts/home_credit_schema.ts";
import { openDuckDb } from "../../../../lib/duckdb/mod.ts";
import { parquetContentHash } from "../../../../lib/duckdb/content_hash.ts";

const PINNED: Record<string, string> = {
  application_train: "eda789181ee397bfe84a16b7493c18b9a0f35d089deb6e74a76475c726c14e11",
  bureau: "c5a9053d34084b48f692687b14f2f1b9467bf5aae3f14e70a5684e36aff1b3e7",
  bureau_balance: "a826bf4e0d49b4b4cad4d1da86cc65da307be4d7cb34cb14035ea9010d9f8ccb",
  previous_application: "b9c3587af7b81b08f4969c4e2866b2a6261c104cf4e0d39a62bc62824b61bf9e",
  POS_CASH_balance: "86af9e304fd34d18a3bf953b14dcd9f65698e9986d53d2e2341d703875f7483e",
  installments_payments: "1728de892efba0d362243c9c7a9e7bf46ffb59b3565c252a7168f4164c2d497e",
  credit_card_balance: "59a9225dbb823ecdc0c679806f769d12b322b6ee967761865747afc8070337db",
};

Deno.test("500 applicants of seed 7 give the pinned data in every table", async () => {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-pinned-" });
  await generateHomeCredit({ outDir: dir, seed: 7, applicants: 500, threads: 2 });
  const conn = await openDuckDb({ threads: 1 });
  const hashes: Record<string, string> = {};
  for (const table of HOME_CREDIT_TABLES) {
    hashes[table] = await parquetContentHash(conn, `${dir}/${table}.parquet`);
  }
  conn.closeSync();
  await Deno.remove(dir, { recursive: true });
  assert.deepEqual(hashes, PINNED);
});
