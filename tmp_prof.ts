import { readDataset } from "./lib/model/dataset.ts";
import { trainGbdt } from "./lib/model/gbdt/mod.ts";
const dir = "/tmp/h15_bench/data";
const manifest = JSON.parse(await Deno.readTextFile(`${dir}/features/manifest.json`));
const train = await readDataset(`${dir}/split/train.parquet`, manifest);
const mono = { EXT_SOURCE_1: -1, EXT_SOURCE_2: -1, EXT_SOURCE_3: -1 } as const;
const unused = { [train.features.find((f) => f.type === "numeric")!.name]: 1 } as const;
for (const [name, m] of [["free", undefined], ["unusedish", unused], ["mono", mono], ["free", undefined]] as const) {
  const t = performance.now();
  const model = await trainGbdt(train, { n_rounds: 60, max_depth: 6, ...(m ? { monotone: m } : {}) }, { workers: 0 });
  const leaves = model.trees.reduce((s, t) => s + t.feature.filter((f) => f < 0).length, 0);
  console.log(name, ((performance.now() - t) / 1000).toFixed(2), "s leaves", leaves);
}
