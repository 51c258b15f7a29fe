import assert from "node:assert/strict";
import { join } from "node:path";
import { readCsvContract } from "../../../lib/contracts/mod.ts";
import { openDuckDb, queryRows, quoteLiteral } from "../../../lib/duckdb/mod.ts";
import { type FeatureManifest, requestFeatures } from "../../../lib/features/mod.ts";
import { fitTfidf } from "../../../lib/features/text/mod.ts";
import { readDataset } from "../../../lib/features/read_dataset.ts";
import { loadServingModel } from "../../../lib/scoring/mod.ts";
import { harness } from "../../serve/harness.ts";
import { textFixture } from "./text_fixture.ts";

const fixture = textFixture();

Deno.test("a free-text csv column is inferred as text and kept as text in the store", async () => {
  const f = await fixture;
  const contract = await readCsvContract(join(f.root, "csv.contract.json"));
  assert.equal(contract.contract.columns.find((c) => c.name === "purpose")?.type, "text");
  const store: FeatureManifest = JSON.parse(
    await Deno.readTextFile(join(f.root, "features/manifest.json")),
  );
  assert.deepEqual(store.text?.map((c) => c.name), ["purpose"]);
  assert.ok(!store.features.some((feature) => feature.name === "purpose"));
  // The split parts hold its TF-IDF features instead, named and described by the term.
  const late = f.splitManifest.features.find((x) => x.name === "purpose:late payment");
  assert.equal(late?.text?.term, "late payment");
  assert.equal(late?.type, "numeric");
  assert.equal(f.splitManifest.text, undefined);
});

Deno.test("the vocabulary and idf are fitted on the training part only", async () => {
  const f = await fixture;
  const docs = (rows: Record<string, unknown>[]) =>
    rows.map((row) => (row.purpose === null ? null : String(row.purpose)));
  const options = { maxVocabulary: 100, minDocumentFrequency: 3 };
  const train = fitTfidf(docs(f.rawRows.train), options);
  const all = fitTfidf([...docs(f.rawRows.train), ...docs(f.rawRows.test)], options);
  const text = f.splitManifest.features.filter((x) => x.text !== undefined);
  assert.deepEqual(text.map((x) => x.text!.term), train.terms);
  assert.deepEqual(text.map((x) => x.text!.idf), train.idf);
  assert.equal(train.documents, f.rawRows.train.length);
  assert.notDeepEqual(train.idf, all.idf.slice(0, train.idf.length));
});

Deno.test("request-time TF-IDF features equal the split parts' columns to 1e-12", async () => {
  const f = await fixture;
  const model = await loadServingModel(f.registry, "v0001");
  try {
    for (const part of ["train", "test"] as const) {
      const data = await readDataset(join(f.root, `split/${part}.parquet`), f.splitManifest);
      const rows = f.rawRows[part];
      const batch = model.featuresOfBatch(rows);
      const width = f.splitManifest.features.length;
      let compared = 0;
      rows.forEach((row, i) => {
        const single = model.featuresOf(row);
        const plain = requestFeatures(row as never, f.splitManifest);
        f.splitManifest.features.forEach((feature, j) => {
          if (feature.text === undefined) return;
          const stored = data.columns[j][i];
          for (
            const [path, value] of [["row", single[j]], ["batch", batch[i * width + j]], [
              "requestFeatures",
              plain[j],
            ]] as const
          ) {
            assert.ok(
              Math.abs(value - stored) <= 1e-12,
              `${part} row ${i} ${feature.name}: ${path} ${value}, split ${stored}`,
            );
          }
          compared++;
        });
      });
      assert.ok(compared > rows.length * 10, `${compared} values compared`);
    }
  } finally {
    await model.release();
  }
});

Deno.test("/explain names a TF-IDF reason by its word pair", async () => {
  await using h = await harness({}, fixture);
  const res = await h.post("/explain", {
    loan_id: 9999,
    age: 40,
    purpose: "Late payment on the car loan, again",
  });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.deepEqual(
    { ...body.explanation?.reasons?.up?.[0] ?? body.reasons.up[0], shap: 0, value: "" },
    { feature: "purpose:late payment", description: "late payment", shap: 0, value: "" },
  );
});

Deno.test("the text column's raw cells are in the store, not in the split parts", async () => {
  const f = await fixture;
  const conn = await openDuckDb({ threads: 1 });
  try {
    const columns = async (path: string) =>
      (await queryRows(conn, `DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(path)})`))
        .map((r) => String(r.column_name));
    assert.ok((await columns(join(f.root, "features/feature_store.parquet"))).includes("purpose"));
    const train = await columns(join(f.root, "split/train.parquet"));
    assert.ok(!train.includes("purpose"));
    assert.deepEqual(train, [
      f.splitManifest.key,
      f.splitManifest.target,
      ...f.splitManifest.features.map((x) => x.name),
    ]);
  } finally {
    conn.closeSync();
  }
});

Deno.test("dispose the text fixture", async () => {
  await (await fixture).dispose();
});
