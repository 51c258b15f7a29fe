/**
 * An outsider's own CSV, end to end: the real stages train and register a csv version,
 * then the held-back rows go in exactly as the file holds them (text cells, `yes`/`no`,
 * `NA`, the target column, no row number) through every way in — `score` on CSV and on
 * parquet, `/predict`, `/predict/batch`, `/explain`, `drift --current`, `simulate` — with
 * no row rejected and the scores of the serving model on the feature store's own rows.
 */
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { createApp } from "../../serve/app.ts";
import { openDuckDb, queryRows, quoteLiteral } from "../../lib/duckdb/mod.ts";
import type { FeatureManifest } from "../../lib/features/mod.ts";
import { readDataset } from "../../lib/features/read_dataset.ts";
import { productionVersion, promote } from "../../lib/registry/mod.ts";
import { scoreFile } from "../../lib/scoring/mod.ts";
import { createLiveModel, loadServingModel, type ServingModel } from "../../lib/scoring/mod.ts";
import { exportWindow, openLogStore } from "../../lib/inference_log/mod.ts";
import { memoryLog } from "../serve/harness.ts";
import { csvPipeline, lineAsJson } from "./csv_pipeline_fixture.ts";

const REPO = resolve(import.meta.dirname!, "../..");

/** Scores of the serving model on the feature store's test rows, by ROW_ID. */
async function storeScores(root: string, model: ServingModel) {
  const manifest = JSON.parse(
    await Deno.readTextFile(join(root, "data/features/manifest.json")),
  ) as FeatureManifest;
  const data = await readDataset(join(root, "data/split/test.parquet"), manifest);
  const width = manifest.features.length;
  const block = new Float64Array(data.rows * width);
  for (let i = 0; i < data.rows; i++) {
    for (let j = 0; j < width; j++) block[i * width + j] = data.columns[j][i];
  }
  const scores = await model.scorer.score(block, data.rows);
  const ids = Array.from(data.ids, Number);
  return { ids, block, byId: new Map(ids.map((id, i) => [id, scores[i]])) };
}

async function scoresOf(path: string): Promise<number[]> {
  const conn = await openDuckDb({ threads: 1 });
  try {
    const rows = await queryRows(
      conn,
      `select score from read_parquet(${quoteLiteral(path)}) order by row`,
    );
    return rows.map((r) => Number(r.score));
  } finally {
    conn.closeSync();
  }
}

async function run(root: string, args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", ...args],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

/** Puts `version` in Production unless register did (the gate may or may not pass it). */
async function servedByHand(registry: string, version: string): Promise<void> {
  if (await productionVersion(registry) === version) return;
  await promote(registry, version, "Production", { force: true });
}

/**
 * Served scores agree to float32 precision: a logistic version's ONNX MatMul sums in an
 * order that depends on the batch size, so one row alone and the same row in a batch can
 * differ in the last float32 bits (3e-8 seen); trees do not.
 */
const SERVED_TOLERANCE = 1e-6;

function assertClose(actual: readonly number[], expected: readonly number[], what: string) {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((a, i) =>
    assert.ok(
      Math.abs(a - expected[i]) <= SERVED_TOLERANCE,
      `${what} row ${i}: ${a} vs ${expected[i]}`,
    )
  );
}

Deno.test("a csv version takes the held-back rows of its own file, as the file holds them, on every way in", async (t) => {
  await using p = await csvPipeline();
  const version = "v0001";
  await servedByHand(p.registry, version);
  const model = await loadServingModel(p.registry, version);
  const live = createLiveModel({
    productionVersion: () => Promise.resolve(version),
    load: (v) => loadServingModel(p.registry, v),
  });
  await live.reload();
  const app = createApp({ model: live, logStore: memoryLog() });
  const post = (path: string, body: unknown) =>
    Promise.resolve(app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }));
  try {
    const store = await storeScores(p.root, model);
    const held = store.ids.map((id) => p.lines[id - 1]);
    const expected = store.ids.map((id) => store.byId.get(id)!);
    assert.ok(held.length >= 100, `${held.length} held-back rows`);
    assert.ok(held.some((line) => line.includes("NA")), "the rows hold NA markers");
    const heldCsv = join(p.root, "held.csv");
    await Deno.writeTextFile(heldCsv, [p.header.join(","), ...held].join("\n") + "\n");

    await t.step("the request reading gives the feature store's features", () => {
      const width = model.manifest.features.length;
      const rows = held.map((line) => {
        const read = model.read!(lineAsJson(p.header, line));
        assert.deepEqual(read.issues, []);
        return read.row;
      });
      const features = model.featuresOfBatch(rows);
      features.forEach((v, k) => {
        const want = store.block[k];
        const same = Number.isNaN(v) ? Number.isNaN(want) : Math.abs(v - want) <= 1e-9;
        assert.ok(same, `row ${Math.floor(k / width)} feature ${k % width}: ${v} vs ${want}`);
      });
    });

    await t.step("score reads the raw lines as CSV with no rejected row", async () => {
      const out = join(p.root, "scores_csv.parquet");
      const result = await scoreFile({ inputPath: heldCsv, outputPath: out, registry: p.registry });
      assert.deepEqual(
        [result.inputRows, result.scoredRows, result.issues.badRows],
        [held.length, held.length, 0],
      );
      assert.deepEqual(result.issues.ignoredColumns, ["defaulted"]);
      assertClose(await scoresOf(out), expected, "score csv");
    });

    await t.step("score reads the same lines from parquet with no rejected row", async () => {
      const parquet = join(p.root, "held.parquet");
      const conn = await openDuckDb({ threads: 1 });
      try {
        await conn.run(
          `copy (select * from read_csv(${quoteLiteral(heldCsv)})) to ${
            quoteLiteral(parquet)
          } (format parquet)`,
        );
      } finally {
        conn.closeSync();
      }
      const out = join(p.root, "scores_parquet.parquet");
      const result = await scoreFile({ inputPath: parquet, outputPath: out, registry: p.registry });
      assert.equal(result.issues.badRows, 0, JSON.stringify(result.issues.listed.slice(0, 3)));
      assertClose(await scoresOf(out), expected, "score parquet");
    });

    await t.step("/predict, /predict/batch and /explain take the lines as JSON text", async () => {
      const rows = held.map((line) => lineAsJson(p.header, line));
      const probabilities: number[] = [];
      for (const row of rows) {
        const res = await post("/predict", row);
        const body = await res.json();
        assert.equal(res.status, 200, JSON.stringify(body));
        assert.equal("id" in body, false, "no id column, no id echoed");
        probabilities.push(body.probability);
      }
      assertClose(probabilities, expected, "/predict");
      const batch = await post("/predict/batch", { rows });
      assert.equal(batch.status, 200);
      assertClose(
        (await batch.json()).predictions.map((x: { probability: number }) => x.probability),
        expected,
        "/predict/batch",
      );
      const explain = await post("/explain", rows[0]);
      assert.equal(explain.status, 200);
      assert.ok(Math.abs((await explain.json()).probability - expected[0]) <= SERVED_TOLERANCE);
    });

    await t.step("the documented example is in the file's spelling and scores", async () => {
      const doc = await (await app.request("/openapi.json")).json();
      const example = doc.paths["/predict"].post.requestBody.content["application/json"]
        .examples.applicant.value;
      assert.ok(p.lines.some((line) => line.startsWith(Object.values(example).join(","))));
      assert.equal((await post("/predict", example)).status, 200);
    });

    await t.step(
      "an unseen level scores as missing and is counted; bad text is a 422",
      async () => {
        const row = lineAsJson(p.header, held[0]);
        const unseen = await post("/predict", { ...row, city: "Tromsø" });
        assert.equal(unseen.status, 200);
        const missing = await post("/predict", { ...row, city: "NA" });
        assert.equal((await unseen.json()).probability, (await missing.json()).probability);
        const metrics = await (await app.request("/metrics")).text();
        assert.match(metrics, /^riskpipe_unseen_levels_total\{field="city"\} 1$/m);
        const maybe = await post("/predict", { ...row, member: "maybe" });
        assert.equal(maybe.status, 422);
        const [issue] = (await maybe.json()).issues;
        assert.equal(issue.field, "member");
        assert.match(issue.message, /one of yes, true, y, t, no, false, n, f/);
        const text = await post("/predict", { ...row, income: "12k" });
        assert.equal(text.status, 422);
        assert.deepEqual(
          (await text.json()).issues.map((i: { field: string; rule: string }) => [i.field, i.rule]),
          [["income", "type"]],
        );
      },
    );

    await t.step("score lists bad lines and counts unseen levels", async () => {
      const cells = held[0].split(",");
      const respell = (j: number, value: string) =>
        cells.map((c, k) => k === j ? value : c).join(",");
      const bad = join(p.root, "bad.csv");
      await Deno.writeTextFile(
        bad,
        [p.header.join(","), respell(2, "Tromsø"), respell(3, "maybe"), respell(1, "12k")]
          .join("\n") + "\n",
      );
      const result = await scoreFile({
        inputPath: bad,
        outputPath: join(p.root, "bad.parquet"),
        registry: p.registry,
      });
      assert.equal(result.scoredRows, 1);
      assert.deepEqual(result.unseenLevels, { city: 1 });
      assert.deepEqual(
        result.issues.listed.map((i) => [i.row, i.field, i.rule]),
        [[2, "member", "type"], [3, "income", "type"]],
      );
    });

    await t.step("drift --current reads the raw lines and counts unseen levels", async () => {
      const drifted = join(p.root, "drifted.csv");
      const cells = held[0].split(",");
      await Deno.writeTextFile(
        drifted,
        [p.header.join(","), ...held, cells.map((c, k) => k === 2 ? "Tromsø" : c).join(",")]
          .join("\n") + "\n",
      );
      const cli = await run(p.root, [
        join(REPO, "lib/cli/drift.ts"),
        "--current",
        drifted,
        "--json",
      ]);
      assert.equal(cli.code, 0, cli.stderr);
      const report = JSON.parse(cli.stdout);
      assert.equal(report.window.rows, held.length + 1);
      assert.deepEqual(report.window.unseenLevels, { city: 1 });
      assert.deepEqual(report.window.unreadable, {});
      const index = await Deno.readTextFile(join(p.root, "reports/drift/index.html"));
      assert.match(index, /never saw, scored as missing: city \(1 row\)/);
      assert.ok(report.features.length > 0);
    });

    await t.step(
      "a later edit of the contract file does not change how the version reads",
      async () => {
        const path = join(p.root, "contracts/csv.contract.json");
        const file = JSON.parse(await Deno.readTextFile(path));
        file.csv.trueValues = ["ja"];
        file.csv.falseValues = ["nei"];
        await Deno.writeTextFile(path, JSON.stringify(file));
        const again = await loadServingModel(p.registry, version);
        try {
          const row = lineAsJson(p.header, held[0]);
          assert.deepEqual(again.read!({ ...row, member: "yes" }).issues, []);
          assert.equal(again.read!({ ...row, member: "ja" }).issues[0]?.field, "member");
        } finally {
          await again.release();
        }
      },
    );
  } finally {
    await live.close();
    await model.release();
  }
});

Deno.test("simulate sends a csv version's test rows as the file spells them; drift reads the logged window", async () => {
  await using p = await csvPipeline(300);
  await servedByHand(p.registry, "v0001");
  const live = createLiveModel({
    productionVersion: () => Promise.resolve("v0001"),
    load: (v) => loadServingModel(p.registry, v),
  });
  await live.reload();
  const sqlitePath = join(p.root, "data/inference_log/log.db");
  await Deno.mkdir(join(p.root, "data/inference_log"), { recursive: true });
  const log = await openLogStore({ sqlitePath });
  const app = createApp({ model: live, logStore: log });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
  try {
    const url = `http://127.0.0.1:${server.addr.port}`;
    const from = new Date();
    const cli = await run(p.root, [
      join(REPO, "lib/cli/simulate.ts"),
      "--rows",
      "20",
      "--url",
      url,
    ]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stdout, /sent 20 rows \(no shift\) .*: 20 scored/);
    // A batch too, whose rows the log keeps typed: the window mixes text and JSON values.
    const rows = p.lines.slice(0, 5).map((line) => lineAsJson(p.header, line));
    const batch = await app.request("/predict/batch", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rows }),
    });
    assert.equal(batch.status, 200);
    await log.flush();
    const window = join(p.root, "window.parquet");
    const exported = await exportWindow({
      sqlitePath,
      from: new Date(from.getTime() - 60_000),
      to: new Date(Date.now() + 60_000),
      outPath: window,
    });
    assert.equal(exported.rows, 25);
    const conn = await openDuckDb({ threads: 1 });
    try {
      const sent = await queryRows(
        conn,
        `select * from read_parquet(${quoteLiteral(window)}) where endpoint = '/predict'`,
      );
      assert.equal(sent.length, 20);
      for (const inputs of sent) {
        assert.equal("ROW_ID" in inputs, false, "no invented row number is sent");
        assert.ok(["yes", "no"].includes(String(inputs.member)), JSON.stringify(inputs));
      }
    } finally {
      conn.closeSync();
    }
    const drift = await run(p.root, [
      join(REPO, "lib/cli/drift.ts"),
      "--current",
      window,
      "--json",
    ]);
    assert.equal(drift.code, 0, drift.stderr);
    const report = JSON.parse(drift.stdout);
    assert.equal(report.window.rows, 25);
    assert.deepEqual([report.window.unseenLevels, report.window.unreadable], [{}, {}]);
    assert.equal(report.window.scoreSource, "logged");
  } finally {
    await server.shutdown();
    await log.close();
    await live.close();
  }
});
