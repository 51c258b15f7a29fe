import assert from "node:assert/strict";
import { join } from "node:path";
import { openScoringInput } from "../../lib/scoring/mod.ts";

Deno.test("input rows keep only the kept columns, whatever characters the names hold", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "in.csv");
    await Deno.writeTextFile(path, `id,"odd ""name"" \\ }",dropped\n1,2.5,x\n2,,y\n`);
    const input = await openScoringInput(
      path,
      {
        formatVersion: 1,
        table: "t",
        key: [],
        columns: [
          { name: "id", type: "int", nullable: false },
          { name: 'odd "name" \\ }', type: "float", nullable: true },
        ],
      },
      (name) => name !== "dropped",
    );
    const rows = [];
    for await (const chunk of input.chunks(10)) rows.push(...chunk.rows);
    input.close();
    assert.deepEqual(rows, [{ id: 1, 'odd "name" \\ }': 2.5 }, { id: 2, 'odd "name" \\ }': null }]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
