import assert from "node:assert/strict";
import { join } from "node:path";
import { type ChallengerReport, runDrift } from "../../../lib/drift/mod.ts";
import { driftFixture } from "../fixture.ts";
import { parse } from "../../report/fixtures.ts";
import { SHADOW_CHALLENGER, writePairedWindow } from "./window_fixture.ts";

Deno.test("a drift run over a shadow release counts each request once and compares the pairs", async () => {
  const fixture = await driftFixture();
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-challenger-" });
  try {
    const window = await writePairedWindow(fixture, dir);
    const site = join(dir, "site");
    const report = await runDrift({
      window: window.path,
      manifestPath: fixture.manifestPath,
      referencePath: fixture.trainPath,
      registry: fixture.registry,
      outDir: site,
      historyPath: join(dir, "history.json"),
    });
    // The champion's answers only: the logged scores are the production version's.
    assert.equal(report.window.rows, window.pairs);
    assert.deepEqual(report.window.modelVersions, [window.champion]);
    assert.equal(report.window.scoreSource, "logged");
    const challenger: ChallengerReport = JSON.parse(
      await Deno.readTextFile(join(site, "challenger.json")),
    );
    assert.equal(challenger.pairs, window.pairs);
    const [c] = challenger.comparisons;
    assert.deepEqual([c.champion, c.challenger], [window.champion, SHADOW_CHALLENGER]);
    assert.ok(Math.abs(c.scoreDifference.mean - 0.05) < 1e-9);
    assert.ok(Math.abs(c.correlation.pearson! - 1) < 1e-9);
    // Champion scores are k/100; +0.05 crosses 0.5 for k in 45..49, 5 of every 100.
    assert.ok(Math.abs(c.tiers.agreement - 0.95) < 0.02, `${c.tiers.agreement}`);
    // Latency: champion 1 + (id % 7), challenger 4 + (id % 7).
    assert.equal(c.latencyMs.challenger!.p50 - c.latencyMs.champion!.p50, 3);
    const page = parse(await Deno.readTextFile(join(site, "challenger.html")));
    assert.equal(page.all("#scores-0 svg").length >= 2, true);
    assert.equal(page.all("#tiers-0 svg").length >= 1, true);
    const index = parse(await Deno.readTextFile(join(site, "index.html")));
    assert.ok(index.all("nav a").some((a) => a.getAttribute("href") === "challenger.html"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
