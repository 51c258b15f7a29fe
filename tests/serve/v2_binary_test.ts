/**
 * The binary tensor data extension over the V2 routes: Triton's own example adapted to our
 * inputs, and JSON and binary requests giving identical probabilities on both input paths
 * (one tensor per field; one features tensor).
 */
import assert from "node:assert/strict";
import { csvServingFixture } from "../scoring/csv_serving_fixture.ts";
import { harness } from "./harness.ts";
import {
  bytesElements,
  bytesOf,
  decodeBytesElements,
  fieldInputs,
  jsonFieldTensors,
  postInfer,
  readBinaryResponse,
  type TensorJson,
} from "./v2_client.ts";

const INFER = "/v2/models/riskpipe/infer";

Deno.test("this host is little-endian, as the binary data extension's bytes are", () => {
  assert.equal(new Uint8Array(new Uint16Array([1]).buffer)[0], 1);
});

// Triton's binary tensor data extension (triton-inference-server/server
// docs/protocol/extension_binary_data.md, "Examples"): the request JSON (with its
// "model_name"), two inputs given by binary_data_size only (input0 of 16 bytes, input1 BOOL
// of 3), an output asked for with "binary_data": true; the response's JSON header gives the
// output's binary_data_size (24) and Inference-Header-Content-Length its own length. Our
// inputs: input0 becomes the csv model's `age` (UINT32 [3], 12 bytes), input1 its `member`
// (BOOL [3], 3 bytes, as in the example); output0 our `probability`, whose [3] FP64 are
// the example's 24 bytes.
Deno.test("the Triton binary data example: binary inputs in, a binary output and its size back", async () => {
  const fixture = await csvServingFixture();
  try {
    await using h = await harness({}, Promise.resolve(fixture));
    const res = await postInfer(h, INFER, {
      model_name: "riskpipe",
      inputs: [
        { name: "age", shape: [3], datatype: "UINT32", parameters: { binary_data_size: 12 } },
        { name: "member", shape: [3], datatype: "BOOL", parameters: { binary_data_size: 3 } },
      ],
      outputs: [{ name: "probability", parameters: { binary_data: true } }],
    }, [bytesOf(new Uint32Array([41, 35, 60])), new Uint8Array([1, 0, 1])]);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/octet-stream");
    const { json, binary } = await readBinaryResponse(res);
    assert.deepEqual(json.outputs, [{
      name: "probability",
      shape: [3],
      datatype: "FP64",
      parameters: { binary_data_size: 24 },
    }]);
    assert.equal(binary.byteLength, 24);
    const probabilities = Array.from(new Float64Array(binary.slice().buffer));
    const batch = await (await h.post("/predict/batch", {
      rows: [{ age: 41, member: true }, { age: 35, member: false }, { age: 60, member: true }],
    })).json();
    assert.deepEqual(
      probabilities,
      batch.predictions.map((p: { probability: number }) => p.probability),
    );
  } finally {
    await fixture.dispose();
  }
});

/**
 * Field tensors in binary where the values allow (numbers as FP64 with NaN for missing,
 * strings as BYTES when none is missing); a string field with a missing value stays JSON,
 * as the extension lets a request mix the two.
 */
function binaryFieldTensors(
  fields: { name: string; datatype: string }[],
  rows: Record<string, unknown>[],
): { inputs: TensorJson[]; binary: Uint8Array[] } {
  const binary: Uint8Array[] = [];
  const inputs = fields.map(({ name, datatype }): TensorJson => {
    const values = rows.map((r) => r[name] ?? null);
    if (datatype === "INT64" || datatype === "FP64") {
      const bytes = bytesOf(Float64Array.from(values, (v) => v === null ? NaN : Number(v)));
      binary.push(bytes);
      return {
        name,
        shape: [rows.length],
        datatype: "FP64",
        parameters: { binary_data_size: bytes.byteLength },
      };
    }
    if (datatype === "BYTES" && values.every((v) => typeof v === "string")) {
      const bytes = bytesElements(values as string[]);
      binary.push(bytes);
      return {
        name,
        shape: [rows.length],
        datatype,
        parameters: { binary_data_size: bytes.byteLength },
      };
    }
    return { name, shape: [rows.length], datatype, data: values };
  });
  return { inputs, binary };
}

Deno.test("field tensors in JSON and in binary give identical probabilities and tiers", async () => {
  await using h = await harness();
  const rows = h.fixture.testRows;
  const fields = await fieldInputs(h);
  const json = await (await postInfer(h, INFER, { inputs: jsonFieldTensors(fields, rows) })).json();
  const { inputs, binary } = binaryFieldTensors(fields, rows);
  assert.ok(binary.length > 10, "most fields travel as binary");
  assert.ok(inputs.some((t) => t.data !== undefined), "and some as JSON beside them");
  const res = await postInfer(
    h,
    INFER,
    { inputs, parameters: { binary_data_output: true } },
    binary,
  );
  assert.equal(res.status, 200, await res.clone().text());
  const answer = await readBinaryResponse(res);
  const sizes = answer.json.outputs.map((o) =>
    (o.parameters as { binary_data_size: number }).binary_data_size
  );
  const probabilities = new Float64Array(answer.binary.slice(0, sizes[0]).buffer);
  const tiers = decodeBytesElements(answer.binary.subarray(sizes[0], sizes[0] + sizes[1]));
  const versions = decodeBytesElements(answer.binary.subarray(sizes[0] + sizes[1]));
  assert.deepEqual(Array.from(probabilities), json.outputs[0].data);
  assert.deepEqual(tiers, json.outputs[1].data);
  assert.deepEqual(versions, json.outputs[2].data);
});

Deno.test("one FP32 features tensor in binary equals JSON and /predict within float32 precision", async () => {
  await using h = await harness();
  const model = h.live.current()!;
  const rows = h.fixture.testRows;
  const width = model.manifest.features.length;
  const matrix = new Float32Array(rows.length * width);
  rows.forEach((r, i) => matrix.set(model.featuresOf(r), i * width));
  const shape = [rows.length, width];
  const binaryRes = await postInfer(h, INFER, {
    inputs: [{
      name: "features",
      shape,
      datatype: "FP32",
      parameters: { binary_data_size: matrix.byteLength },
    }],
    outputs: [{ name: "probability", parameters: { binary_data: true } }, { name: "tier" }],
  }, [bytesOf(matrix)]);
  assert.equal(binaryRes.status, 200);
  const { json, binary } = await readBinaryResponse(binaryRes);
  const fromBinary = Array.from(new Float64Array(binary.slice().buffer));
  assert.equal(json.outputs[1].name, "tier");
  const data = Array.from(matrix, (v) => Number.isNaN(v) ? null : v);
  const jsonRes = await postInfer(h, INFER, {
    inputs: [{ name: "features", shape, datatype: "FP32", data }],
  });
  const fromJson = (await jsonRes.json()).outputs[0].data;
  assert.deepEqual(fromBinary, fromJson);
  const batch = await (await h.post("/predict/batch", { rows })).json();
  batch.predictions.forEach((p: { probability: number }, i: number) => {
    assert.ok(
      Math.abs(fromBinary[i] - p.probability) <= 1e-6,
      `row ${i}: ${fromBinary[i]} vs ${p.probability}`,
    );
  });
});

Deno.test("an FP64 features tensor and an unaligned binary part score the same as FP32 aligned", async () => {
  await using h = await harness();
  const model = h.live.current()!;
  const rows = h.fixture.testRows.slice(0, 7);
  const width = model.manifest.features.length;
  const f64 = new Float64Array(rows.length * width);
  rows.forEach((r, i) => f64.set(model.featuresOf(r), i * width));
  const f32 = new Float32Array(f64);
  const scores: number[][] = [];
  for (const [datatype, values] of [["FP32", f32], ["FP64", f64]] as const) {
    // The id's length moves where the binary part starts: 0 to 7 bytes past alignment.
    for (const id of ["", "a", "ab", "abc", "abcde"]) {
      const res = await postInfer(h, INFER, {
        id,
        inputs: [{
          name: "features",
          shape: [rows.length, width],
          datatype,
          parameters: { binary_data_size: values.byteLength },
        }],
        outputs: [{ name: "probability" }],
      }, [bytesOf(values)]);
      assert.equal(res.status, 200);
      scores.push((await res.json()).outputs[0].data);
    }
  }
  for (const s of scores) assert.deepEqual(s, scores[0]);
});

Deno.test("binary_data_output sends every output as binary unless an output says binary_data false", async () => {
  await using h = await harness();
  const rows = h.fixture.testRows.slice(0, 2);
  const res = await postInfer(h, INFER, {
    parameters: { binary_data_output: true },
    inputs: jsonFieldTensors(await fieldInputs(h), rows),
    outputs: [{ name: "probability", parameters: { binary_data: false } }, { name: "tier" }],
  });
  assert.equal(res.status, 200);
  const { json, binary } = await readBinaryResponse(res);
  assert.equal(json.outputs[0].data instanceof Array, true);
  assert.equal(json.outputs[1].data, undefined);
  assert.deepEqual(
    decodeBytesElements(binary),
    (await (await h.post("/predict/batch", { rows })).json())
      .predictions.map((p: { tier: string }) => p.tier),
  );
});
