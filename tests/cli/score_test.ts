import assert from "node:assert/strict";
import { join } from "node:path";
import { main, rejectionVerdict, summarise } from "../../lib/cli/score.ts";
import { UsageError } from "../../lib/cli/args.ts";
import { openSqliteSink } from "../../lib/inference_log/mod.ts";
import { openDuckDb, quoteLiteral } from "../../lib/duckdb/mod.ts";
import type { ScoreFileResult } from "../../lib/scoring/mod.ts";
import { buildTinyRegistry } from "../scoring/fixture.ts";

Deno.test("score writes the scores parquet and the bad-row report for the Production version", async () => {
  const tiny = await buildTinyRegistry();
  try {
    const output = join(tiny.dir, "out", "scores.parquet");
    const report = join(tiny.dir, "issues.json");
    const code = await main([
      "--input",
      tiny.parquet,
      "--output",
      output,
      "--registry",
      tiny.registry,
      "--report",
      report,
    ]);
    assert.equal(code, 0);
    assert.ok((await Deno.stat(output)).size > 0);
    const issues = JSON.parse(await Deno.readTextFile(report));
    assert.deepEqual(issues, { badRows: 0, listed: [], counts: {}, ignoredColumns: ["TARGET"] });
  } finally {
    await Deno.remove(tiny.dir, { recursive: true });
  }
});

Deno.test("score without --input or with a non-parquet output is a usage error", async () => {
  await assert.rejects(() => main(["--output", "s.parquet"]), UsageError);
  await assert.rejects(
    () => main(["--input", "a.csv", "--output", "s.csv"]),
    /--output must name a .parquet file, got "s.csv"/,
  );
  await assert.rejects(
    () => main(["--input", "a.csv", "--output", "s.parquet", "--chunk", "0"]),
    /--chunk must be a positive integer, got "0"/,
  );
});

Deno.test("the summary lists bad rows with their field and rule and counts the rest", () => {
  const result: ScoreFileResult = {
    modelVersion: "v0002",
    inputRows: 5,
    scoredRows: 3,
    tiers: { low: 2, high: 1 },
    issues: {
      badRows: 2,
      listed: [
        { row: 2, field: "AMT_CREDIT", rule: "min", message: '"AMT_CREDIT": must be at least 0' },
        { row: 4, field: "CODE_GENDER", rule: "in_set", message: '"CODE_GENDER": must be one of' },
      ],
      counts: { "AMT_CREDIT: min": 1, "CODE_GENDER: in_set": 1 },
      ignoredColumns: ["TARGET"],
    },
  };
  const text = summarise(result, "s.parquet");
  const lines = text.split("\n");
  assert.equal(lines[0], "scored 3 of 5 rows with v0002 → s.parquet");
  assert.equal(lines[1], "tiers: low 2, high 1");
  assert.equal(lines[2], "ignored columns (not in the contract): TARGET");
  assert.equal(lines[3], "2 bad rows left out:");
  assert.match(text, /2 +AMT_CREDIT +min +"AMT_CREDIT": must be at least 0/);
  assert.match(text, /4 +CODE_GENDER +in_set/);
});

Deno.test("score --log writes every scored row to the SQLite inference log", async () => {
  const tiny = await buildTinyRegistry();
  try {
    const logDb = join(tiny.dir, "log", "log.db");
    const code = await main([
      "--input",
      tiny.parquet,
      "--output",
      join(tiny.dir, "scores.parquet"),
      "--registry",
      tiny.registry,
      "--log",
      "--log-db",
      logDb,
    ]);
    assert.equal(code, 0);
    const sink = await openSqliteSink(logDb);
    const logged = await sink.readWindow(new Date(0), new Date(Date.UTC(2100, 0)), 0, 1000);
    await sink.close();
    assert.equal(logged.length, 300);
    assert.deepEqual(new Set(logged.map((r) => r.endpoint)), new Set(["score"]));
  } finally {
    await Deno.remove(tiny.dir, { recursive: true });
  }
});

/** Copies the tiny parquet with AMT_CREDIT negative in the first `bad` rows (all when null). */
async function withNegativeCredit(source: string, out: string, bad: number | null): Promise<void> {
  const conn = await openDuckDb({ threads: 1 });
  const where = bad === null ? "true" : `file_row_number < ${bad}`;
  await conn.run(
    `COPY (SELECT * EXCLUDE (file_row_number) REPLACE (
       CASE WHEN ${where} THEN -1.0 ELSE AMT_CREDIT END AS AMT_CREDIT)
     FROM read_parquet(${quoteLiteral(source)}, file_row_number = true)
     ORDER BY file_row_number) TO ${quoteLiteral(out)} (FORMAT parquet)`,
  );
  conn.closeSync();
}

async function captureStderr(run: () => Promise<number>): Promise<[number, string]> {
  const lines: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  const log = console.log;
  console.log = () => {};
  try {
    return [await run(), lines.join("\n")];
  } finally {
    console.error = original;
    console.log = log;
  }
}

Deno.test("score exits 1 and says why in one line when every row was rejected", async () => {
  const tiny = await buildTinyRegistry();
  try {
    const input = join(tiny.dir, "all_bad.parquet");
    await withNegativeCredit(tiny.parquet, input, null);
    const [code, stderr] = await captureStderr(() =>
      main(["--input", input, "--output", join(tiny.dir, "s.parquet"), "--registry", tiny.registry])
    );
    assert.equal(code, 1);
    assert.match(
      stderr,
      /^No row was scored: all 300 rows were rejected; most common: AMT_CREDIT: \S+ \(300 rows\)$/m,
    );
  } finally {
    await Deno.remove(tiny.dir, { recursive: true });
  }
});

Deno.test("score exits 0 when some rows were rejected and prints how many", async () => {
  const tiny = await buildTinyRegistry();
  try {
    const input = join(tiny.dir, "some_bad.parquet");
    await withNegativeCredit(tiny.parquet, input, 7);
    const [code, stderr] = await captureStderr(() =>
      main(["--input", input, "--output", join(tiny.dir, "s.parquet"), "--registry", tiny.registry])
    );
    assert.equal(code, 0);
    assert.match(stderr, /^7 of 300 rows were rejected; most common: AMT_CREDIT: \S+ \(7 rows\)$/m);
  } finally {
    await Deno.remove(tiny.dir, { recursive: true });
  }
});

Deno.test("the rejection verdict is silent when every row was scored and names an empty input", () => {
  const base: ScoreFileResult = {
    modelVersion: "v0001",
    inputRows: 4,
    scoredRows: 4,
    tiers: {},
    issues: { badRows: 0, listed: [], counts: {}, ignoredColumns: [] },
  };
  assert.equal(rejectionVerdict(base), undefined);
  assert.equal(
    rejectionVerdict({ ...base, inputRows: 0, scoredRows: 0 }),
    "No row was scored: the input has no data rows",
  );
  assert.equal(
    rejectionVerdict({
      ...base,
      scoredRows: 0,
      issues: { ...base.issues, badRows: 4, counts: { "A: min": 1, "B: in_set": 3 } },
    }),
    "No row was scored: all 4 rows were rejected; most common: B: in_set (3 rows)",
  );
});
