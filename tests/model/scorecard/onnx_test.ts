import assert from "node:assert/strict";
import { join } from "node:path";
import { makeSyntheticDataset } from "../../../lib/model/gbdt/synthetic.ts";
import { scorecardToOnnx } from "../../../lib/model/onnx/scorecard.ts";
import { openOnnxScorer, toRowMajorFloat32 } from "../../../lib/model/onnx/session.ts";
import { fitScorecard, predictScorecard } from "../../../lib/model/scorecard/mod.ts";
import type { Dataset } from "../../../lib/model/types.ts";
import { ignoreWithoutPython, onnxFullCheck } from "../../python_oracle.ts";
import { withTempDir } from "../../temp_dir.ts";

const train = makeSyntheticDataset({ rows: 4000, features: 12, seed: 31 });
const card = fitScorecard(train, { min_iv: 0 });

/** Scoring rows: fresh seeded rows, then edge values on every numeric feature. */
function probeRows(): Dataset {
  const fresh = makeSyntheticDataset({ rows: 3000, features: 12, seed: 32 });
  const edges = [NaN, -Infinity, Infinity, 0, -0, 1e39, -1e39, 3.4e38];
  // Every cut itself, and the float32 values just below it, land on the right side.
  const cutValues = card.binning.flatMap((b) =>
    b.cuts.flatMap((c) => [c, c - Math.abs(c) * 1e-7, c + 1e-9])
  );
  const extra = [...edges, ...cutValues];
  const columns = fresh.columns.map((column, j) => {
    const categorical = fresh.features[j].type === "categorical";
    const tail = extra.map((x, k) => (categorical ? (k % 3 === 0 ? NaN : k % 8) : x));
    return Float64Array.from([...column, ...tail]);
  });
  return { features: fresh.features, columns, rows: fresh.rows + extra.length };
}

Deno.test("the exported scorecard scores every row as the TypeScript predictor, to 1e-6", async () => {
  const data = probeRows();
  const expected = predictScorecard(card, data);
  const scorer = await openOnnxScorer(scorecardToOnnx(card), data.features.length);
  const got = await scorer.score(toRowMajorFloat32(data.columns, data.rows), data.rows);
  await scorer.release();
  let worst = 0;
  for (let i = 0; i < data.rows; i++) worst = Math.max(worst, Math.abs(got[i] - expected[i]));
  assert.ok(worst <= 1e-6, `max |onnx − ts| is ${worst}`);
});

Deno.test("every model feature becomes one tree with its missing leaf under the root", async () => {
  const { onnx } = await import("../../../lib/model/onnx/proto.ts");
  const model = onnx.ModelProto.decode(scorecardToOnnx(card));
  const ensemble = model.graph!.node!.find((n) => n.opType === "TreeEnsembleClassifier")!;
  const ints = (name: string) =>
    ensemble.attribute!.find((a) => a.name === name)!.ints!.map(Number);
  const trees = new Set(ints("nodes_treeids"));
  assert.equal(trees.size, card.included.filter(Boolean).length);
  const features = ints("nodes_featureids");
  const treeIds = ints("nodes_treeids");
  const nodeIds = ints("nodes_nodeids");
  const trueIds = ints("nodes_truenodeids");
  const tracks = ints("nodes_missing_value_tracks_true");
  const modes = ensemble.attribute!.find((a) => a.name === "nodes_modes")!.strings!
    .map((s) => new TextDecoder().decode(s));
  for (const tree of trees) {
    const at = treeIds.flatMap((t, k) => (t === tree ? [k] : []));
    const splits = at.filter((k) => modes[k] !== "LEAF");
    assert.equal(new Set(splits.map((k) => features[k])).size, 1, `tree ${tree}: one feature`);
    const root = at.find((k) => nodeIds[k] === 0)!;
    assert.equal(tracks[root], 1, `tree ${tree}: missing goes true at the root`);
    const missingLeaf = at.find((k) => nodeIds[k] === trueIds[root])!;
    assert.equal(modes[missingLeaf], "LEAF");
    assert.ok(splits.every((k) => k === root || tracks[k] === 0));
  }
});

const NAME = "the exported scorecard passes onnx.checker with full_check";

Deno.test({
  name: NAME,
  ignore: await ignoreWithoutPython(NAME, ["onnx"]),
  async fn() {
    await withTempDir(async (dir) => {
      const path = join(dir, "scorecard.onnx");
      await Deno.writeFile(path, scorecardToOnnx(card, { version: "test" }));
      const onnxPath = path;
      assert.equal(await onnxFullCheck([onnxPath]), `${onnxPath} ok`);
    });
  },
});
