/** The V2 tensor codec alone: JSON flattening and checks, binary views and BYTES elements. */
import assert from "node:assert/strict";
import { binaryTensorValues, elementAt, jsonTensorValues } from "../../serve/v2/tensor_data.ts";
import { V2Error } from "../../serve/v2/errors.ts";
import { bytesElements } from "./v2_client.ts";

Deno.test("nested JSON data is flattened row-major, as the protocol's [[1, 2], [4, 5]] example", () => {
  // kserve/kserve docs/predict-api/v2/required_api.md, "Tensor Data".
  assert.deepEqual(jsonTensorValues("m", "INT32", [[1, 2], [4, 5]], 4), [1, 2, 4, 5]);
  assert.deepEqual(jsonTensorValues("m", "INT32", [1, 2, 4, 5], 4), [1, 2, 4, 5]);
});

Deno.test("a binary tensor at an unaligned offset is copied once and reads the same numbers", () => {
  const values = new Float64Array([1.5, -2, NaN]);
  const padded = new Uint8Array(25);
  padded.set(new Uint8Array(values.buffer), 1);
  const view = binaryTensorValues("x", "FP64", padded.subarray(1), 3);
  assert.ok(view instanceof Float64Array);
  assert.deepEqual(Array.from(view).slice(0, 2), [1.5, -2]);
  assert.equal(elementAt(view, "FP64", 2), null, "NaN is a missing value");
  const aligned = binaryTensorValues("x", "FP64", new Uint8Array(values.buffer), 3);
  assert.ok(aligned instanceof Float64Array && aligned.buffer === values.buffer, "a view, no copy");
});

Deno.test("binary BYTES, BOOL and INT64 elements read as row values", () => {
  assert.deepEqual(binaryTensorValues("s", "BYTES", bytesElements(["Oslo", "", "Ås"]), 3), [
    "Oslo",
    "",
    "Ås",
  ]);
  const flags = binaryTensorValues("b", "BOOL", new Uint8Array([1, 0]), 2);
  assert.deepEqual([elementAt(flags, "BOOL", 0), elementAt(flags, "BOOL", 1)], [true, false]);
  const ints = binaryTensorValues("i", "INT64", new Uint8Array(new BigInt64Array([-3n]).buffer), 1);
  assert.equal(elementAt(ints, "INT64", 0), -3);
});

Deno.test("broken binary data is refused naming the tensor and the rule", () => {
  const refuses = (fn: () => unknown, message: RegExp) =>
    assert.throws(fn, (e) => e instanceof V2Error && e.status === 400 && message.test(e.message));
  refuses(
    () => binaryTensorValues("s", "BYTES", bytesElements(["abc"]).subarray(0, 5), 1),
    /^Input "s": BYTES element 0 declares 3 bytes but 1 are left \(rule binary_data_size\)$/,
  );
  refuses(
    () => binaryTensorValues("s", "BYTES", new Uint8Array([1, 0]), 1),
    /cut length prefix \(rule binary_data_size\)/,
  );
  refuses(
    () => binaryTensorValues("s", "BYTES", bytesElements(["a", "b"]), 3),
    /^Input "s": shape holds 3 elements but the binary data has 2 \(rule shape\)$/,
  );
  refuses(
    () => binaryTensorValues("b", "BOOL", new Uint8Array([2]), 1),
    /^Input "b": byte 0 is 2; BOOL takes 0 or 1 \(rule datatype\)$/,
  );
  refuses(
    () => binaryTensorValues("h", "FP16", new Uint8Array(2), 1),
    /^Input "h": datatype FP16 is not read as binary data; send FP32 \(rule datatype\)$/,
  );
  refuses(
    () =>
      jsonTensorValues("d", "FP32", [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[
        1,
      ]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]], 1),
    /nests deeper than 32 \(rule data\)/,
  );
});
