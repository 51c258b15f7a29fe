/**
 * Bad V2 requests: each a 400 (413 past the row limit) whose body is the protocol's
 * `{ "error" }` alone, naming the tensor (or field and row) and the rule; never a 5xx.
 */
import assert from "node:assert/strict";
import { type Harness, harness } from "./harness.ts";
import { bytesOf, fieldInputs, jsonFieldTensors, postInfer } from "./v2_client.ts";

const INFER = "/v2/models/riskpipe/infer";

type Json = Record<string, unknown>;

async function refused(
  h: Harness,
  header: Json,
  binary: Uint8Array[] = [],
  headers: Record<string, string> = {},
  status = 400,
): Promise<string> {
  const res = await postInfer(h, INFER, header, binary, headers);
  const body = await res.json();
  assert.equal(res.status, status, JSON.stringify(body));
  assert.deepEqual(Object.keys(body), ["error"]);
  assert.deepEqual(h.errors, []);
  return body.error;
}

/** A request with one valid JSON tensor per field of two held-out rows. */
async function fieldRequest(h: Harness): Promise<{ inputs: { name: string }[] & Json[] }> {
  const inputs = jsonFieldTensors(await fieldInputs(h), h.fixture.testRows.slice(0, 2));
  return { inputs: inputs as unknown as { name: string }[] & Json[] };
}

Deno.test("a JSON tensor whose shape and data length disagree is refused naming the tensor", async () => {
  await using h = await harness();
  const error = await refused(h, {
    inputs: [{ name: "AMT_CREDIT", shape: [3], datatype: "FP64", data: [1, 2] }],
  });
  assert.equal(error, 'Input "AMT_CREDIT": shape holds 3 elements but "data" has 2 (rule shape)');
});

Deno.test("a binary buffer shorter than binary_data_size is refused naming the tensor", async () => {
  await using h = await harness();
  const error = await refused(h, {
    inputs: [{
      name: "AMT_CREDIT",
      shape: [2],
      datatype: "FP64",
      parameters: { binary_data_size: 16 },
    }],
  }, [bytesOf(new Float64Array([1]))]);
  assert.equal(
    error,
    'Input "AMT_CREDIT": binary_data_size is 16 bytes but only 8 bytes of binary data are left ' +
      "after the JSON header (rule binary_data_size)",
  );
});

Deno.test("a binary_data_size that does not fit the shape and datatype is refused", async () => {
  await using h = await harness();
  const error = await refused(h, {
    inputs: [{
      name: "CNT_CHILDREN",
      shape: [2],
      datatype: "INT64",
      parameters: { binary_data_size: 12 },
    }],
  }, [new Uint8Array(12)]);
  assert.match(
    error,
    /^Input "CNT_CHILDREN": binary_data_size is 12 bytes but shape holds 2 INT64 elements \(16 bytes\)/,
  );
  assert.match(error, /\(rule binary_data_size\)$/);
});

Deno.test("bytes past the declared binary data are refused", async () => {
  await using h = await harness();
  const error = await refused(h, {
    inputs: [{
      name: "AMT_CREDIT",
      shape: [1],
      datatype: "FP64",
      parameters: { binary_data_size: 8 },
    }],
  }, [bytesOf(new Float64Array([1, 2]))]);
  assert.match(
    error,
    /holds 8 bytes after the JSON header and the binary data the inputs declare \(rule binary_data_size\)/,
  );
});

Deno.test("a datatype that does not fit the field, an unknown datatype, or elements of another type are refused", async () => {
  await using h = await harness();
  assert.equal(
    await refused(h, {
      inputs: [{ name: "CODE_GENDER", shape: [1], datatype: "FP64", data: [1] }],
    }),
    'Input "CODE_GENDER": datatype FP64 does not fit the field; send BYTES (rule datatype)',
  );
  assert.equal(
    await refused(h, {
      inputs: [{ name: "AMT_CREDIT", shape: [1], datatype: "FLOAT", data: [1] }],
    }),
    'Input "AMT_CREDIT": datatype "FLOAT" is not a datatype of the protocol (rule datatype)',
  );
  assert.equal(
    await refused(h, {
      inputs: [{ name: "AMT_CREDIT", shape: [2], datatype: "FP64", data: [1, "2"] }],
    }),
    'Input "AMT_CREDIT": element 1 is "2", not a number as datatype FP64 takes (rule datatype)',
  );
  assert.match(
    await refused(h, {
      inputs: [{ name: "CNT_CHILDREN", shape: [1], datatype: "UINT8", data: [300] }],
    }),
    /element 0 is 300, not an integer from 0 to 255 as datatype UINT8 takes \(rule datatype\)/,
  );
});

Deno.test("an input the model does not have is refused naming it", async () => {
  await using h = await harness();
  const request = await fieldRequest(h);
  request.inputs.push({ name: "SALARY", shape: [2], datatype: "FP64", data: [1, 2] });
  const error = await refused(h, request);
  assert.match(error, /^Input "SALARY" is not an input of the model/);
  assert.match(error, /\(rule unknown_input\)$/);
});

Deno.test("a required field's missing tensor is refused naming the field", async () => {
  await using h = await harness();
  const model = h.live.current()!;
  const required = model.info.contract.columns.find((c) =>
    !c.nullable && !model.info.omit.includes(c.name)
  )!;
  const request = await fieldRequest(h);
  request.inputs = request.inputs.filter((t) => t.name !== required.name);
  assert.equal(
    await refused(h, request),
    `Missing input "${required.name}": the field is required (rule required)`,
  );
});

Deno.test("a value breaking the contract is refused with /predict's message for the field, row and rule", async () => {
  await using h = await harness();
  const rows = h.fixture.testRows.slice(0, 2).map((r, i) => i === 1 ? { ...r, AMT_CREDIT: -5 } : r);
  const predict = await (await h.post("/predict", rows[1])).json();
  const [issue] = predict.issues;
  assert.equal(issue.field, "AMT_CREDIT");
  const error = await refused(h, { inputs: jsonFieldTensors(await fieldInputs(h), rows) });
  assert.equal(
    error,
    `Invalid inputs: 1 value breaks the contract: input "AMT_CREDIT", row 1: ${issue.message} (rule ${issue.rule})`,
  );
});

Deno.test("tensors giving different row counts are refused", async () => {
  await using h = await harness();
  const error = await refused(h, {
    inputs: [
      { name: "AMT_CREDIT", shape: [2], datatype: "FP64", data: [1, 2] },
      { name: "AMT_ANNUITY", shape: [3, 1], datatype: "FP64", data: [1, 2, 3] },
    ],
  });
  assert.equal(
    error,
    'Input "AMT_ANNUITY": shape [3, 1] gives 3 rows but input "AMT_CREDIT" gives 2 (rule shape)',
  );
});

Deno.test("a features tensor of the wrong width, or beside field tensors, is refused", async () => {
  await using h = await harness();
  const width = h.live.current()!.manifest.features.length;
  assert.match(
    await refused(h, {
      inputs: [{ name: "features", shape: [1, 3], datatype: "FP32", data: [1, 2, 3] }],
    }),
    new RegExp(`^Input "features": shape \\[1, 3\\] must be \\[n, ${width}\\].*\\(rule shape\\)$`),
  );
  assert.match(
    await refused(h, {
      inputs: [
        { name: "features", shape: [1, width], datatype: "FP32", data: new Array(width).fill(0) },
        { name: "AMT_CREDIT", shape: [1], datatype: "FP64", data: [1] },
      ],
    }),
    /^Input "features" replaces the field inputs: send it alone \(rule inputs\)$/,
  );
});

Deno.test("an Inference-Header-Content-Length larger than the body, or not a number, is refused", async () => {
  await using h = await harness();
  const header = { inputs: [{ name: "AMT_CREDIT", shape: [1], datatype: "FP64", data: [1] }] };
  const size = new TextEncoder().encode(JSON.stringify(header)).byteLength;
  assert.equal(
    await refused(h, header, [], { "inference-header-content-length": String(size + 10) }),
    `Inference-Header-Content-Length is ${
      size + 10
    } but the body holds ${size} bytes (rule header)`,
  );
  assert.equal(
    await refused(h, header, [], { "inference-header-content-length": "12abc" }),
    'Inference-Header-Content-Length "12abc" must be a non-negative integer (rule header)',
  );
  assert.equal(
    await refused(h, header, [], { "inference-header-content-length": "-1" }),
    'Inference-Header-Content-Length "-1" must be a non-negative integer (rule header)',
  );
});

Deno.test("malformed request bodies and objects are refused in protocol form", async () => {
  await using h = await harness();
  const res = await h.post(INFER, "{");
  assert.equal(res.status, 400);
  const body = await res.json();
  assert.deepEqual(Object.keys(body), ["error"]);
  assert.match(body.error, /^Malformed JSON in the body: .*\(rule json\)$/);
  assert.match(await refused(h, { inputs: [] }), /"inputs" must be a non-empty array/);
  assert.match(await refused(h, { id: 42, inputs: [] }), /"id" must be a string \(rule type\)/);
  assert.match(
    await refused(h, { inputs: [{ name: "AMT_CREDIT", shape: [-1], datatype: "FP64", data: [] }] }),
    /"shape" must be an array of non-negative integers \(rule shape\)/,
  );
  assert.match(
    await refused(h, { inputs: [{ name: "AMT_CREDIT", shape: [1], datatype: "FP64" }] }),
    /"data" is missing and no binary_data_size is given \(rule data\)/,
  );
  assert.match(
    await refused(h, { ...(await fieldRequest(h)), outputs: [{ name: "score" }] }),
    /^Output "score" is not an output of the model.*\(rule unknown_output\)$/,
  );
  assert.match(
    await refused(h, { ...(await fieldRequest(h)), parameters: { binary_data_output: "yes" } }),
    /binary_data_output must be true or false \(rule type\)/,
  );
});

Deno.test("a batch over the row limit is a 413 in protocol form", async () => {
  await using h = await harness({ maxBatchRows: 1 });
  const error = await refused(h, await fieldRequest(h), [], {}, 413);
  assert.match(error, /2 rows, at most 1 a request \(rule max\)/);
});

Deno.test("a body over the size limit is a 413 in protocol form", async () => {
  await using h = await harness({ maxBodyBytes: 64 });
  const error = await refused(h, await fieldRequest(h), [], {}, 413);
  assert.equal(error, "Body too large: the limit is 64 bytes");
});
