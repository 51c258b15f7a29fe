import assert from "node:assert/strict";
import { join } from "node:path";
import { openDuckDb, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { evaluateCandidate, GateParams } from "../../lib/evaluation/mod.ts";
import { renderEvaluationReport } from "../../lib/evaluation/report/mod.ts";
import type { FeatureManifest } from "../../lib/features/manifest/mod.ts";
import { GovernanceParams } from "../../lib/governance/params.ts";
import { trainingManifest } from "../../lib/governance/protected.ts";
import { readProtectedColumns } from "../../lib/governance/read_protected.ts";
import { trainGbdt } from "../../lib/model/gbdt/mod.ts";
import { fitLogistic } from "../../lib/model/logistic/mod.ts";
import { readDataset } from "../../lib/features/read_dataset.ts";
import { parse } from "../report/fixtures.ts";
import { LINEAGE } from "../evaluation/report/fixture.ts";
import { withTempDir } from "../temp_dir.ts";

const SPLIT_MANIFEST: FeatureManifest = {
  formatVersion: 1,
  key: "id",
  target: "target",
  features: [
    { name: "x1", type: "numeric", source: "application_train", description: "" },
    { name: "x2", type: "numeric", source: "application_train", description: "" },
    {
      name: "g",
      type: "categorical",
      levels: ["F", "M"],
      source: "application_train",
      description: "",
    },
  ],
};

/** A seeded split file: x1 drives the target, g is a 0/1 group code. */
async function writeSplit(path: string, rows: number, offset: number): Promise<void> {
  const conn = await openDuckDb();
  try {
    await conn.run(`copy (
      select i as id, x1, x2, g,
        (((i * 7919) % 100) / 100.0 < 0.15 + 0.5 * x1)::INTEGER as target
      from (
        select i, ((i * 37) % 101) / 101.0 as x1, ((i * 53) % 97) / 97.0 as x2, i % 2 as g
        from range(${offset}, ${offset + rows}) t(i)
      )
    ) to ${quoteLiteral(path)} (format parquet)`);
  } finally {
    conn.closeSync();
  }
}

Deno.test("an excluded attribute is absent from the trained model but present in the fairness table", async () => {
  await withTempDir(async (dir) => {
    const trainPath = join(dir, "train.parquet");
    const testPath = join(dir, "test.parquet");
    await writeSplit(trainPath, 600, 0);
    await writeSplit(testPath, 300, 600);
    const governance = GovernanceParams.parse({ protected: ["g"] });
    const trained = trainingManifest(SPLIT_MANIFEST, governance);
    const train = await readDataset(trainPath, trained);
    const gbdt = await trainGbdt(train, { n_rounds: 10, max_depth: 2 });
    const baseline = fitLogistic(train, {});
    assert.deepEqual(gbdt.features.map((f) => f.name), ["x1", "x2"]);
    assert.deepEqual(baseline.features.map((f) => f.name), ["x1", "x2"]);

    const test = await readDataset(testPath, trained);
    const columns = await readProtectedColumns(
      testPath,
      SPLIT_MANIFEST,
      governance,
      test,
      gbdt.features.map((f) => f.name),
    );
    assert.deepEqual(columns.map((c) => [c.spec.name, c.inModel]), [["g", false]]);
    const result = evaluateCandidate(test, gbdt, baseline, {
      gate: GateParams.parse({ min_auc: 0.5, min_adverse_impact_ratio: 0.8 }),
      shapRows: 50,
      tiers: { names: ["low", "high"], thresholds: [0.3] },
      fairness: { columns, minGroupRows: 30 },
    });
    const [attribute] = result.fairness!.attributes;
    assert.equal(attribute.attribute, "g");
    assert.equal(attribute.inModel, false);
    assert.deepEqual(attribute.groups.map((g) => [g.group, g.rows]), [["F", 150], ["M", 150]]);
    const check = result.gate.checks.find((c) => c.name === "min_adverse_impact_ratio")!;
    assert.equal(check.value, result.fairness!.lowest!.value);

    const doc = parse(renderEvaluationReport(result, LINEAGE));
    const caption = doc.one("#fairness caption")?.textContent ?? "";
    assert.match(caption, /^g \(not a model feature: excluded from training;/);
    assert.deepEqual(
      doc.all("#fairness tbody tr").map((tr) => tr.querySelector("td").textContent),
      [
        "F",
        "M",
      ],
    );
  });
});
