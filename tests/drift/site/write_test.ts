import assert from "node:assert/strict";
import { join } from "node:path";
import { openDuckDb, quoteLiteral } from "../../../lib/duckdb/mod.ts";
import { writeDriftSite } from "../../../lib/drift/site/write.ts";
import { lineage, sampleHistory, sampleReport, values } from "./pages_fixture.ts";

async function windowParquet(dir: string): Promise<string> {
  const path = join(dir, "window.parquet");
  const conn = await openDuckDb({ threads: 1 });
  try {
    await conn.run(
      `copy (select 1 as AMT_CREDIT union all select 2) to ${quoteLiteral(path)} (format parquet)`,
    );
  } finally {
    conn.closeSync();
  }
  return path;
}

Deno.test("the site has the index, a page per judged feature, the prediction page and the data", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const site = join(dir, "site");
    const input = {
      report: sampleReport(),
      history: sampleHistory(1),
      lineage,
      values,
      scores: values.get("score")!,
      windowParquet: await windowParquet(dir),
    };
    const pages = await writeDriftSite(site, input);
    assert.deepEqual(pages, [
      "index.html",
      "prediction.html",
      "features/moved.html",
      "features/GENDER.html",
      "features/steady.html",
      "history.html",
      "query.html",
      "performance.html",
      "challenger.html",
    ]);
    assert.equal(await Deno.readTextFile(join(site, "current.csv")), "AMT_CREDIT\n1\n2\n");
    // A plain window holds no shadow pairs: the page and its JSON say so.
    const challenger = JSON.parse(await Deno.readTextFile(join(site, "challenger.json")));
    assert.deepEqual([challenger.pairs, challenger.comparisons], [0, []]);
    const report = JSON.parse(await Deno.readTextFile(join(site, "report.json")));
    assert.equal(report.features[0].name, "moved");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a new site replaces the old one whole, leaving no staging folder behind", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const site = join(dir, "site");
    await Deno.mkdir(join(site, "features"), { recursive: true });
    await Deno.writeTextFile(join(site, "features", "gone.html"), "old");
    await writeDriftSite(site, {
      report: sampleReport(),
      history: sampleHistory(1),
      lineage,
      values,
      scores: values.get("score")!,
      windowParquet: await windowParquet(dir),
    });
    await assert.rejects(Deno.stat(join(site, "features", "gone.html")), Deno.errors.NotFound);
    const left = [];
    for await (const entry of Deno.readDir(dir)) left.push(entry.name);
    assert.deepEqual(left.sort(), ["site", "window.parquet"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a judged feature without values is an error naming it, and no site is written", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const site = join(dir, "site");
    await assert.rejects(
      writeDriftSite(site, {
        report: sampleReport(),
        history: sampleHistory(1),
        lineage,
        values: new Map(),
        scores: values.get("score")!,
        windowParquet: await windowParquet(dir),
      }),
      { message: 'Cannot write the drift site: no values for "moved"' },
    );
    await assert.rejects(Deno.stat(site), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a drift run keeps the site's performance page, or says none was run yet", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const site = join(dir, "site");
    const input = {
      report: sampleReport(),
      history: sampleHistory(1),
      lineage,
      values,
      scores: values.get("score")!,
      windowParquet: await windowParquet(dir),
    };
    await writeDriftSite(site, input);
    assert.match(await Deno.readTextFile(join(site, "performance.html")), /Not run yet/);
    await Deno.writeTextFile(join(site, "performance.html"), "the latest performance run");
    await Deno.writeTextFile(join(site, "performance.json"), "{}");
    await writeDriftSite(site, input);
    assert.equal(
      await Deno.readTextFile(join(site, "performance.html")),
      "the latest performance run",
    );
    assert.equal(await Deno.readTextFile(join(site, "performance.json")), "{}");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
