import assert from "node:assert/strict";
import { recordInputsJson } from "../../lib/inference_log/json.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);

Deno.test("for PostgreSQL a record's own bytes are used unless they escape a NUL", () => {
  const spaced = '{ "a" : 1.50, "b": "é" }';
  assert.equal(recordInputsJson({ inputs: { a: 1.5, b: "é" }, inputsUtf8: utf8(spaced) }), spaced);
  assert.equal(
    recordInputsJson({ inputs: { a: "x\0y" }, inputsUtf8: utf8('{"a": "x\\u0000y"}') }),
    '{"a":"xy"}',
  );
  assert.equal(recordInputsJson({ inputs: { a: 2n as unknown as number } }), '{"a":"2"}');
});
