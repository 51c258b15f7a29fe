import assert from "node:assert/strict";
import { join } from "node:path";
import { openDuckDb, queryRows, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { scoreFile } from "../../lib/scoring/mod.ts";
import { createMemoryLogStore } from "../../lib/inference_log/mod.ts";
import { assignTier } from "../../lib/tiers/mod.ts";
import { buildTinyRegistry, TINY_TIERS, type TinyRegistry } from "./fixture.ts";

let tiny: TinyRegistry | undefined;
async function registry(): Promise<TinyRegistry> {
  return tiny ??= await buildTinyRegistry();
}

async function readScores(path: string): Promise<Record<string, unknown>[]> {
  const conn = await openDuckDb({ threads: 1 });
  try {
    return await queryRows(conn, `select * from read_parquet(${quoteLiteral(path)}) order by row`);
  } finally {
    conn.closeSync();
  }
}

Deno.test("a parquet file is scored with the Production version like the TypeScript predictor to 1e-6", async () => {
  const t = await registry();
  const outputPath = join(t.dir, "scores.parquet");
  const result = await scoreFile({
    inputPath: t.parquet,
    outputPath,
    registry: t.registry,
    chunkRows: 64,
  });
  assert.equal(result.modelVersion, t.version);
  assert.equal(result.inputRows, 300);
  assert.equal(result.scoredRows, 300);
  assert.equal(result.issues.badRows, 0);
  assert.deepEqual(result.issues.ignoredColumns, ["TARGET"]);
  const scores = await readScores(outputPath);
  assert.equal(scores.length, 300);
  let worst = 0;
  scores.forEach((s, i) => {
    assert.equal(s.row, i + 1);
    assert.equal(s.SK_ID_CURR, t.rows[i].SK_ID_CURR);
    assert.equal(s.model_version, t.version);
    assert.equal(s.tier, assignTier(s.score as number, TINY_TIERS));
    worst = Math.max(worst, Math.abs((s.score as number) - t.expected[i]));
  });
  assert.ok(worst <= 1e-6, `largest difference ${worst}`);
  const counted = Object.fromEntries(TINY_TIERS.names.map((n) => [n, 0]));
  for (const s of scores) counted[s.tier as string] += 1;
  assert.deepEqual(result.tiers, counted);
});

Deno.test("bad CSV rows are listed by row, field and rule and left out of the scores", async () => {
  const t = await registry();
  const columns = Object.keys(t.rows[0]);
  const cell = (v: unknown) =>
    v === null || v === undefined ? "" : `"${String(v).replaceAll('"', '""')}"`;
  const lines = [columns.join(",")];
  t.rows.slice(0, 10).forEach((row, i) => {
    const copy = { ...row };
    if (i === 2) copy.AMT_CREDIT = -5;
    if (i === 4) copy.CODE_GENDER = "Q";
    if (i === 7) {
      copy.EXT_SOURCE_2 = "abc";
      copy.AMT_INCOME_TOTAL = "Infinity";
    }
    lines.push(columns.map((c) => cell(copy[c])).join(","));
  });
  const inputPath = join(t.dir, "input.csv");
  await Deno.writeTextFile(inputPath, lines.join("\n") + "\n");
  const outputPath = join(t.dir, "csv_scores.parquet");
  const result = await scoreFile({ inputPath, outputPath, registry: t.registry });
  assert.equal(result.inputRows, 10);
  assert.equal(result.scoredRows, 7);
  assert.equal(result.issues.badRows, 3);
  assert.deepEqual(result.issues.listed.map(({ row, field, rule }) => ({ row, field, rule })), [
    { row: 3, field: "AMT_CREDIT", rule: "min" },
    { row: 5, field: "CODE_GENDER", rule: "in_set" },
    { row: 8, field: "AMT_INCOME_TOTAL", rule: "finite" },
    { row: 8, field: "EXT_SOURCE_2", rule: "type" },
  ]);
  const scores = await readScores(outputPath);
  assert.deepEqual(scores.map((s) => s.row), [1, 2, 4, 6, 7, 9, 10]);
  for (const s of scores) {
    const i = (s.row as number) - 1;
    assert.ok(Math.abs((s.score as number) - t.expected[i]) <= 1e-6);
  }
});

Deno.test("--explain adds three reasons each way and a sentence that match the probability", async () => {
  const t = await registry();
  const outputPath = join(t.dir, "explained.parquet");
  await scoreFile({
    inputPath: t.parquet,
    outputPath,
    registry: t.registry,
    version: t.version,
    explain: true,
  });
  const scores = await readScores(outputPath);
  const first = scores[0];
  assert.equal(typeof first.reason_up_1, "string");
  assert.ok((first.reason_up_1_shap as number) > 0);
  assert.match(first.explanation as string, /^Estimated risk \d+\.\d% against a baseline/);
  for (const s of scores) {
    const ups = [1, 2, 3].map((k) => s[`reason_up_${k}_shap`]).filter((v) => v !== null);
    const downs = [1, 2, 3].map((k) => s[`reason_down_${k}_shap`]).filter((v) => v !== null);
    assert.ok(ups.every((v, k) => (v as number) > 0 && (k === 0 || v! <= ups[k - 1]!)));
    assert.ok(downs.every((v, k) => (v as number) < 0 && (k === 0 || v! >= downs[k - 1]!)));
    const percent = (100 * (s.score as number)).toFixed(1);
    assert.ok((s.explanation as string).startsWith(`Estimated risk ${percent}%`));
  }
});

Deno.test("--explain adds up to four principal reasons, positive and largest first", async () => {
  const t = await registry();
  const outputPath = join(t.dir, "principal.parquet");
  await scoreFile({
    inputPath: t.parquet,
    outputPath,
    registry: t.registry,
    version: t.version,
    explain: true,
  });
  const scores = await readScores(outputPath);
  let given = 0;
  for (const s of scores) {
    const contributions = [1, 2, 3, 4].map((k) => s[`principal_reason_${k}_contribution`])
      .filter((v) => v !== null) as number[];
    given += contributions.length;
    assert.ok(contributions.every((v, k) => v > 0 && (k === 0 || v <= contributions[k - 1])));
    // This version has no reason table: each reason is one feature, named, with no code,
    // so the first is the SHAP list's strongest feature.
    if (contributions.length === 0) continue;
    assert.equal(s.principal_reason_1_code, null);
    assert.equal(s.principal_reason_1_features, s.principal_reason_1_text);
    assert.ok((s.reason_up_1 as string).startsWith(`${s.principal_reason_1_text} = `));
    assert.equal(s.principal_reason_1_contribution, s.reason_up_1_shap);
  }
  assert.ok(given > scores.length, `only ${given} principal reasons`);
});

Deno.test("scoring without a Production version fails naming the registry", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await assert.rejects(
      () => scoreFile({ inputPath: "x.csv", outputPath: join(dir, "s.parquet"), registry: dir }),
      new RegExp(`no version is in Production in ${dir}`),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("with a log store every scored row is logged with its inputs, score and tier", async () => {
  const t = await registry();
  const logStore = createMemoryLogStore();
  const outputPath = join(t.dir, "logged.parquet");
  const now = new Date(Date.UTC(2026, 10, 23, 12));
  await scoreFile({
    inputPath: t.parquet,
    outputPath,
    registry: t.registry,
    logStore,
    runId: "run-1",
    clock: () => now,
  });
  const scores = await readScores(outputPath);
  assert.equal(logStore.records.length, 300);
  logStore.records.forEach((record, i) => {
    const { TARGET: _, ...inputs } = t.rows[i];
    assert.deepEqual(record, {
      requestId: `run-1:${i + 1}`,
      time: now.toISOString(),
      modelVersion: t.version,
      endpoint: "score",
      inputs,
      score: scores[i].score,
      tier: scores[i].tier,
    });
  });
});

Deno.test("the tiny registry is removed", async () => {
  if (tiny !== undefined) await Deno.remove(tiny.dir, { recursive: true });
});
