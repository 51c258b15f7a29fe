import assert from "node:assert/strict";
import { splitHeaderLine } from "../../../lib/data/csv/header.ts";

const COMMA = { delimiter: ",", quote: '"', escape: '"', columns: 0 };

Deno.test("a header splits on the delimiter outside quotes, undoing doubled quotes", () => {
  assert.deepEqual(splitHeaderLine('id,"a, b","say ""hi""",,y', COMMA), [
    "id",
    "a, b",
    'say "hi"',
    "",
    "y",
  ]);
});

Deno.test("a backslash escape keeps the quote inside a name", () => {
  const dialect = { ...COMMA, escape: "\\" };
  assert.deepEqual(splitHeaderLine('"a\\"b",c', dialect), ['a"b', "c"]);
});

Deno.test("a multi-character delimiter and no quoting split as written", () => {
  const dialect = { delimiter: "||", quote: "", escape: "", columns: 0 };
  assert.deepEqual(splitHeaderLine('"a"||b||c', dialect), ['"a"', "b", "c"]);
});
