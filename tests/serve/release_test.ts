import assert from "node:assert/strict";
import { loadServingModel } from "../../lib/scoring/model.ts";

import { shadowQueueOf } from "../../serve/app.ts";
import { gate, releaseHarness, slowScorer, twoVersions } from "./release_harness.ts";

const versions = twoVersions();
const CHAMPION_TIERS = ["low", "medium", "high", "very_high"];
const THIRD_TIERS = { names: ["a", "b", "c"], thresholds: [0.05, 0.2] };

Deno.test("in a shadow release the client gets the champion's answer and both scores are logged as a pair", async () => {
  const two = await versions;
  await using h = await releaseHarness(two, { mode: "shadow" });
  const res = await h.post("/predict", two.fixture.testRows[0]);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.modelVersion, two.champion);
  assert.ok(CHAMPION_TIERS.includes(body.tier));
  await shadowQueueOf(h.app).settled();
  assert.deepEqual(
    h.log.records.map((r) => [r.modelVersion, r.pairId, r.endpoint]),
    [[two.champion, body.requestId, "/predict"], [two.challenger, body.requestId, "/predict"]],
  );
  // The same trees: the challenger's score is the champion's, its tier from its own tiers.
  assert.equal(h.log.records[1].score, body.probability);
  assert.ok(["ok", "risky"].includes(h.log.records[1].tier));
  // Only the challenger's row is the shadow; both log their scoring call's time.
  assert.deepEqual(h.log.records.map((r) => r.shadow), [undefined, true]);
  for (const r of h.log.records) assert.ok(r.latencyMs! >= 0, `latency ${r.latencyMs}`);
});

Deno.test("a shadow batch pairs every row with its challenger row", async () => {
  const two = await versions;
  await using h = await releaseHarness(two, { mode: "shadow" });
  const rows = two.fixture.testRows.slice(0, 3);
  const res = await h.post("/predict/batch", { rows });
  assert.equal(res.status, 200);
  const { requestId } = await res.json();
  await shadowQueueOf(h.app).settled();
  const pairs = (version: string) =>
    h.log.records.filter((r) => r.modelVersion === version).map((r) => r.pairId);
  const expected = [0, 1, 2].map((i) => `${requestId}:${i}`);
  assert.deepEqual(pairs(two.champion), expected);
  assert.deepEqual(pairs(two.challenger), expected);
});

Deno.test("the response does not wait for a slow shadow challenger", async () => {
  const two = await versions;
  const slow = gate();
  await using h = await releaseHarness(two, { mode: "shadow" }, {
    load: async (version) =>
      slowScorer(await loadServingModel(two.fixture.registry, version), slow),
  });
  const res = await h.post("/predict", two.fixture.testRows[1]);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.modelVersion, two.champion);
  // Answered while the challenger has not scored: one job pending, one row logged.
  const queue = shadowQueueOf(h.app);
  assert.equal(queue.pending(), 1);
  assert.deepEqual(h.log.records.map((r) => r.modelVersion), [two.champion]);
  slow.open();
  await queue.settled();
  assert.equal(slow.waiting(), 1);
  assert.deepEqual(h.log.records.map((r) => r.modelVersion), [two.champion, two.challenger]);
});

Deno.test("shadow jobs gathered within a few milliseconds score in one ONNX run", async () => {
  const two = await versions;
  // A window longer than the test: the six gather until settled() flushes them, however
  // slowly a loaded machine sends them.
  await using h = await releaseHarness(two, { mode: "shadow" }, {
    deps: { shadowFlushMs: 60_000 },
  });
  const before = h.challenger.current()!.scorer.stats();
  const answers = await Promise.all(
    two.fixture.testRows.slice(0, 6).map((row) => h.post("/predict", row)),
  );
  assert.deepEqual(answers.map((r) => r.status), [200, 200, 200, 200, 200, 200]);
  await shadowQueueOf(h.app).settled();
  const after = h.challenger.current()!.scorer.stats();
  assert.deepEqual([after.runs - before.runs, after.rows - before.rows], [1, 6]);
  assert.equal(h.log.records.filter((r) => r.modelVersion === two.challenger).length, 6);
});

Deno.test("a row the challenger cannot score is counted and never reaches the client", async () => {
  const two = await versions;
  await using h = await releaseHarness(two, { mode: "shadow" }, {
    load: async (version) => {
      const model = await loadServingModel(two.fixture.registry, version);
      return {
        ...model,
        scorer: { ...model.scorer, score: () => Promise.reject(new Error("session lost")) },
      };
    },
  });
  const res = await h.post("/predict", two.fixture.testRows[2]);
  assert.equal(res.status, 200);
  await shadowQueueOf(h.app).settled();
  assert.equal(h.log.records.length, 1);
  const text = await (await h.app.request("/metrics")).text();
  assert.ok(
    text.includes(
      `riskpipe_shadow_failures_total{version="${two.challenger}",reason="error"} 1`,
    ),
    text,
  );
  assert.deepEqual(h.errors, []);
});

Deno.test("a canary of weight 100 answers with the challenger and names it", async () => {
  const two = await versions;
  await using h = await releaseHarness(two, { mode: "canary", weight: 100 });
  const body = await (await h.post("/predict", two.fixture.testRows[0])).json();
  assert.equal(body.modelVersion, two.challenger);
  assert.ok(["ok", "risky"].includes(body.tier));
});

Deno.test("a canary is sticky by applicant id and splits the applicants between versions", async () => {
  const two = await versions;
  await using h = await releaseHarness(two, { mode: "canary", weight: 50 });
  const rows = two.fixture.testRows.slice(0, 40);
  const first = await Promise.all(
    rows.map(async (row) => (await (await h.post("/predict", row)).json()).modelVersion),
  );
  const again = await Promise.all(
    rows.map(async (row) => (await (await h.post("/predict", row)).json()).modelVersion),
  );
  assert.deepEqual(again, first);
  assert.deepEqual([...new Set(first)].sort(), [two.champion, two.challenger].sort());
});

Deno.test("a canary batch is answered by the champion alone", async () => {
  const two = await versions;
  await using h = await releaseHarness(two, { mode: "canary", weight: 100 });
  const body = await (await h.post("/predict/batch", { rows: two.fixture.testRows.slice(0, 2) }))
    .json();
  assert.equal(body.modelVersion, two.champion);
});

Deno.test("a challenger that fails to load leaves the champion serving and says so on /health", async () => {
  const two = await versions;
  await using h = await releaseHarness(two, { mode: "canary", weight: 100 }, {
    load: () => Promise.reject(new Error("Cannot load v0002: model.onnx checksum mismatch")),
  });
  const body = await (await h.post("/predict", two.fixture.testRows[0])).json();
  assert.equal(body.modelVersion, two.champion);
  const health = await h.app.request("/health");
  assert.equal(health.status, 200);
  const state = await health.json();
  assert.equal(state.modelVersion, two.champion);
  assert.deepEqual(state.release, {
    mode: "canary",
    weight: 100,
    challenger: {
      spec: "@challenger",
      version: null,
      loadedAt: null,
      lastReloadError: "Cannot load v0002: model.onnx checksum mismatch",
    },
  });
});

Deno.test("/health shows both versions of a shadow release", async () => {
  const two = await versions;
  await using h = await releaseHarness(two, { mode: "shadow" });
  const state = await (await h.app.request("/health")).json();
  assert.equal(state.modelVersion, two.champion);
  assert.equal(state.release.mode, "shadow");
  assert.equal(state.release.challenger.version, two.challenger);
  assert.equal(state.release.challenger.lastReloadError, null);
});

Deno.test("/metrics has requests, latency and scores by version", async () => {
  const two = await versions;
  await using h = await releaseHarness(two, { mode: "shadow" });
  await h.post("/predict", two.fixture.testRows[0]);
  await shadowQueueOf(h.app).settled();
  const lines = (await (await h.app.request("/metrics")).text()).split("\n");
  for (
    const line of [
      `riskpipe_version_requests_total{version="${two.champion}",role="answer",endpoint="/predict"} 1`,
      `riskpipe_version_requests_total{version="${two.challenger}",role="shadow",endpoint="/predict"} 1`,
      `riskpipe_version_scoring_duration_seconds_count{version="${two.champion}",role="answer"} 1`,
      `riskpipe_version_scoring_duration_seconds_count{version="${two.challenger}",role="shadow"} 1`,
      `riskpipe_score_count{version="${two.champion}",role="answer"} 1`,
      `riskpipe_score_count{version="${two.challenger}",role="shadow"} 1`,
      `riskpipe_challenger_info{version="${two.challenger}"} 1`,
    ]
  ) {
    assert.ok(lines.includes(line), `missing: ${line}`);
  }
  // Tiers count the answered row only.
  const tiers = lines.filter((l) => l.startsWith("riskpipe_scored_rows_total{"));
  assert.equal(tiers.map((l) => Number(l.split(" ")[1])).reduce((a, b) => a + b, 0), 1);
});

Deno.test("moving @champion under concurrent requests in a shadow release fails none", async () => {
  const two = await twoVersions();
  try {
    await using h = await releaseHarness(two, { mode: "shadow" });
    const rows = two.fixture.testRows;
    // 8 clients × 25 requests; @champion moves to a third version after the 40th answer.
    const versions: string[] = [];
    const statuses: number[] = [];
    let moved: Promise<unknown> | undefined;
    let third = "";
    await Promise.all(Array.from({ length: 8 }, async (_, client) => {
      for (let i = 0; i < 25; i++) {
        const res = await h.post("/predict", rows[(client * 25 + i) % rows.length]);
        statuses.push(res.status);
        versions.push((await res.json()).modelVersion);
        if (statuses.length >= 40 && moved === undefined) {
          moved = two.fixture.registerAgain(THIRD_TIERS).then(async (v) => {
            third = v;
            await h.live.reload();
          });
        }
      }
    }));
    await moved;
    await shadowQueueOf(h.app).settled();
    assert.deepEqual(statuses.filter((s) => s !== 200), []);
    assert.deepEqual([...new Set(versions)].filter((v) => v !== two.champion && v !== third), []);
    assert.equal(h.live.current()?.version, third);
    // Every answered row has its shadow row, paired.
    const byPair = Map.groupBy(h.log.records, (r) => r.pairId);
    assert.equal(byPair.size, 200);
    for (const [, pair] of byPair) {
      assert.deepEqual(pair.map((r) => r.modelVersion === two.challenger), [false, true]);
    }
  } finally {
    await two.fixture.dispose();
  }
});

const promtool = (() => {
  try {
    return new Deno.Command("promtool", { args: ["--version"] }).outputSync().success;
  } catch {
    return false;
  }
})();

Deno.test({
  name: "promtool check metrics passes the exposition of a shadow release",
  ignore: !promtool,
  async fn() {
    const two = await versions;
    await using h = await releaseHarness(two, { mode: "shadow" });
    await h.post("/predict", two.fixture.testRows[0]);
    await shadowQueueOf(h.app).settled();
    const text = await (await h.app.request("/metrics")).text();
    const child = new Deno.Command("promtool", {
      args: ["check", "metrics"],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(text));
    await writer.close();
    const out = await child.output();
    const said = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, said);
  },
});

globalThis.addEventListener("unload", () => {
  versions.then((two) => Deno.removeSync(two.fixture.root, { recursive: true }), () => {});
});
