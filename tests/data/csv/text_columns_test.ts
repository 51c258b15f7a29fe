import assert from "node:assert/strict";
import { ingestCsv } from "../../../lib/data/csv/mod.ts";
import { readCsvContract, writeCsvContract } from "../../../lib/contracts/mod.ts";

Deno.test("a text column empty on every row is refused naming the file, column and rule; nothing is written", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const csv = `${dir}/loans.csv`;
    await Deno.writeTextFile(csv, "id,age,purpose,y\n1,30,,bad\n2,41,NA,good\n3,25,  ,good\n");
    const options = {
      path: csv,
      idColumn: "id",
      targetColumn: "y",
      positiveLabel: "bad",
      contractPath: `${dir}/csv.contract.json`,
      outDir: `${dir}/parquet`,
    };
    await ingestCsv(options);
    const file = await readCsvContract(options.contractPath);
    // Inference never makes an empty column text; a reviewer declares it.
    const purpose = file.contract.columns.find((c) => c.name === "purpose")!;
    assert.equal(purpose.type, "string");
    purpose.type = "text";
    await writeCsvContract(options.contractPath, file);
    await Deno.remove(options.outDir, { recursive: true });
    await assert.rejects(ingestCsv(options), {
      name: "TypeError",
      message: `Cannot ingest "${csv}": text column "purpose" is empty on all 3 rows ` +
        `(every cell is missing: "", "NA", "N/A", "?", "null", "NaN"); a text column needs ` +
        "text in some rows to fit its TF-IDF vocabulary on (give it text, or drop it from the file)",
    });
    assert.deepEqual(await listed(options.outDir), []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

async function listed(dir: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return names;
}
