import assert from "node:assert/strict";
import { inferCsvContract } from "../../../lib/data/csv/mod.ts";
import { openDuckDb } from "../../../lib/duckdb/mod.ts";

async function inferTypes(csv: string, idColumn: string | null = null) {
  const dir = await Deno.makeTempDir();
  const conn = await openDuckDb({ threads: 1 });
  try {
    await Deno.writeTextFile(`${dir}/in.csv`, csv);
    await conn.run(
      `CREATE TEMP TABLE csv_text AS SELECT row_number() OVER () AS csv_record, *
       FROM read_csv('${dir}/in.csv', all_varchar = true, header = true)`,
    );
    const columns = csv.split("\n")[0].split(",");
    const file = await inferCsvContract(conn, "csv_text", columns, {
      idColumn,
      targetColumn: "y",
      positiveLabel: "1",
    });
    return file.contract.columns.map((c) => [c.name, c.type, c.nullable]);
  } finally {
    conn.closeSync();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("a column where half the cells are not numbers is a category", async () => {
  const types = await inferTypes("x,y\n1,1\nabc,0\ndef,0\n4,1\n");
  assert.deepEqual(types[2], ["x", "category", false]);
});

Deno.test("integer literals make int and any decimal makes float", async () => {
  const types = await inferTypes("a,b,y\n1,1.5,1\n-2,2,0\n+3,1e3,0\n");
  assert.deepEqual(types.slice(2), [["a", "int", false], ["b", "float", false]]);
});

Deno.test("boolean words in any case make a boolean; 0/1 stays int", async () => {
  const types = await inferTypes("a,b,y\nYes,0,1\nNO,1,0\nTrue,1,0\nf,0,1\n");
  assert.deepEqual(types.slice(2), [["a", "boolean", false], ["b", "int", false]]);
});

Deno.test("a column of only missing markers is a nullable string", async () => {
  const types = await inferTypes("a,y\nNA,1\n?,0\n,1\n");
  assert.deepEqual(types[2], ["a", "string", true]);
});

Deno.test("more than 100 distinct texts make free text rather than a category", async () => {
  const rows = Array.from({ length: 101 }, (_, i) => `name ${i},${i % 2}`);
  const types = await inferTypes(`a,y\n${rows.join("\n")}\n`);
  assert.deepEqual(types[2], ["a", "string", false]);
});

Deno.test("a text id column makes a string key", async () => {
  const types = await inferTypes("id,y\nA-1,1\nB-2,0\n", "id");
  assert.deepEqual(types[0], ["id", "string", false]);
});

Deno.test("distinct cells averaging 20 characters and two words make a text column", async () => {
  const purposes = [
    "late payment on the car loan",
    "new equipment for the bakery",
    "debt consolidation of two cards",
    "roof repair after the winter storm",
    "late payment on the car loan",
  ];
  const rows = purposes.map((p, i) => `${i},"${p}",${i % 2}`);
  const types = await inferTypes(`id,purpose,y\n${rows.join("\n")}\n`, "id");
  assert.deepEqual(types[2], ["purpose", "text", false]);
});

Deno.test("long one-word cells (codes, hashes) and short or repeated texts are not text", async () => {
  const rows = Array.from(
    { length: 6 },
    (_, i) =>
      `${i},3f2a9c1e-77b0-4c0e-9a${i}4-2d8e51b0c9f${i},${
        i < 4 ? "same long sentence for all of them" : "another long sentence here"
      },car loan ${i},${i % 2}`,
  );
  const types = await inferTypes(`id,hash,repeated,short,y\n${rows.join("\n")}\n`, "id");
  assert.deepEqual(types.slice(2), [
    ["hash", "category", false],
    ["repeated", "category", false],
    ["short", "category", false],
  ]);
});
