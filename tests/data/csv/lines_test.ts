import assert from "node:assert/strict";
import { recordLines } from "../../../lib/data/csv/lines.ts";
import { loadText, TEXT_TABLE } from "../../../lib/data/csv/text_table.ts";
import { openDuckDb } from "../../../lib/duckdb/mod.ts";

Deno.test("records after quoted line breaks start on their physical lines", async () => {
  const dir = await Deno.makeTempDir();
  const conn = await openDuckDb({ threads: 1 });
  try {
    const csv = 'a,b\n1,"x\ny\nz"\n2,plain\n3,"p\nq"\n4,end\n';
    await Deno.writeTextFile(`${dir}/in.csv`, csv);
    const columns = await loadText(conn, `${dir}/in.csv`);
    const lines = await recordLines(conn, TEXT_TABLE, columns, [1, 2, 3, 4]);
    assert.deepEqual([...lines].sort((a, b) => a[0] - b[0]), [[1, 2], [2, 5], [3, 6], [4, 8]]);
  } finally {
    conn.closeSync();
    await Deno.remove(dir, { recursive: true });
  }
});
