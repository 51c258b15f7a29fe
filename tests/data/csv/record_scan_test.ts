import assert from "node:assert/strict";
import { type RecordSpan, scanRecords } from "../../../lib/data/csv/record_scan.ts";
import { withTempDir } from "../../temp_dir.ts";

async function spans(text: string, quote = '"', escape = '"'): Promise<RecordSpan[]> {
  let out: RecordSpan[] = [];
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/in.csv`, text);
    const seen: RecordSpan[] = [];
    await scanRecords(`${dir}/in.csv`, { quote, escape }, (r) => seen.push(r) > 0);
    out = seen;
  });
  return out;
}

Deno.test("records count reader lines apart from line breaks inside quotes", async () => {
  assert.deepEqual(await spans('h\n"a\nb"\r\n\nc'), [
    { readerLine: 1, line: 1, bytes: 1 },
    { readerLine: 2, line: 2, bytes: 5 },
    { readerLine: 3, line: 4, bytes: 0 },
    { readerLine: 4, line: 5, bytes: 1 },
  ]);
});

Deno.test("an escaped quote does not end the quoted cell", async () => {
  assert.deepEqual((await spans('h\n"a\\"\nb"\nc\n', '"', "\\")).map((r) => r.line), [1, 2, 4]);
});
