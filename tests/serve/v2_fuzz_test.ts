/**
 * Seeded fast-check cases against POST /v2/models/riskpipe/infer: tensors of any name,
 * shape, datatype and data (nested, mistyped, missing), binary parts of any length and
 * Inference-Header-Content-Length values of any kind. Every answer is a 200 or a 4xx whose
 * body is the protocol's `{ "error" }` alone; no server fault.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { harness } from "./harness.ts";

const UTF8 = new TextEncoder();

type Json = Record<string, unknown>;

Deno.test("600 seeded V2 fuzz cases get a 200 or a 4xx {error}, never a server fault", async () => {
  await using h = await harness({ maxBatchRows: 50 });
  const model = h.live.current()!;
  const width = model.manifest.features.length;
  const names = ["AMT_CREDIT", "CODE_GENDER", "CNT_CHILDREN", "SK_ID_CURR", "features", "nope"];
  const datatypes = ["FP32", "FP64", "INT64", "UINT8", "BOOL", "BYTES", "FP16", "fp32", 7];
  const element = fc.oneof(
    fc.double(),
    fc.integer({ min: -300, max: 300 }),
    fc.string({ maxLength: 4 }),
    fc.boolean(),
    fc.constant(null),
  );
  const data = fc.oneof(
    fc.array(element, { maxLength: 6 }),
    fc.array(fc.array(element, { maxLength: 3 }), { maxLength: 3 }),
    fc.constant(undefined),
    fc.constant("x"),
  );
  const shape = fc.oneof(
    fc.array(fc.integer({ min: -1, max: 4 }), { maxLength: 3 }),
    fc.constant([1, width]),
    fc.constant([2, width]),
    fc.constant("2"),
  );
  const tensor = fc.record({
    name: fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 3 })),
    shape,
    datatype: fc.constantFrom(...datatypes),
    data,
    parameters: fc.option(
      fc.record({ binary_data_size: fc.oneof(fc.integer({ min: -2, max: 40 }), fc.constant("8")) }),
      { nil: undefined },
    ),
  }, { requiredKeys: ["name"] });
  const request = fc.record({
    id: fc.oneof(fc.string({ maxLength: 3 }), fc.integer()),
    parameters: fc.oneof(fc.constant({ binary_data_output: true }), fc.constant("x"), fc.object()),
    inputs: fc.oneof(fc.array(tensor, { maxLength: 4 }), fc.constant({})),
    outputs: fc.oneof(
      fc.constant([{ name: "probability" }]),
      fc.constant([{ name: "tier", parameters: { binary_data: true } }]),
      fc.array(fc.record({ name: fc.string({ maxLength: 3 }) }), { maxLength: 2 }),
    ),
  }, { requiredKeys: [] });
  const lengthHeader = fc.oneof(
    fc.constant("json"),
    fc.constant("none"),
    fc.integer({ min: -1, max: 5000 }).map(String),
    fc.constant("abc"),
  );
  const wild = fc.tuple(request, fc.uint8Array({ maxLength: 48 }), lengthHeader)
    .map(([header, binary, length]) => ({ header: header as Json, binary, length }));
  // Near-valid feature requests: the right shape, in JSON or binary, with the binary part
  // cut or padded, a float replaced, or another datatype declared.
  const nearFeatures = fc.record({
    rows: fc.integer({ min: 0, max: 60 }),
    binary: fc.boolean(),
    datatype: fc.constantFrom("FP32", "FP32", "FP64", "FP16", "INT64"),
    cut: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: -9, max: 9 })),
    swap: fc.option(fc.tuple(fc.nat(), element), { nil: undefined }),
  }).map(({ rows, binary, datatype, cut, swap }) => {
    const values = new Float64Array(rows * width).map((_, i) => (i % 7) - 3);
    const tensor: Json = { name: "features", shape: [rows, width], datatype };
    if (!binary) {
      const data: unknown[] = Array.from(values);
      if (swap !== undefined && data.length > 0) data[swap[0] % data.length] = swap[1];
      return {
        header: { inputs: [{ ...tensor, data }] },
        binary: new Uint8Array(0),
        length: "none",
      };
    }
    const bytes = new Uint8Array(
      (datatype === "FP64" ? new Float64Array(values) : new Float32Array(values)).buffer,
    );
    const part = cut <= 0
      ? bytes.subarray(0, Math.max(0, bytes.length + cut))
      : new Uint8Array(bytes.length + cut);
    const header = {
      inputs: [{ ...tensor, parameters: { binary_data_size: bytes.byteLength } }],
      parameters: { binary_data_output: true },
    };
    return { header, binary: part, length: "json" };
  });
  // Near-valid field requests: real rows, one tensor dropped, retyped, reshaped or given a
  // wrong element.
  const fields = model.info.contract.columns.filter((c) => !model.info.omit.includes(c.name));
  const nearFields = fc.record({
    rows: fc.integer({ min: 1, max: 3 }),
    field: fc.nat({ max: fields.length - 1 }),
    change: fc.constantFrom("none", "none", "drop", "datatype", "shape", "value"),
    value: element,
    datatype: fc.constantFrom(...datatypes),
  }).map(({ rows, field, change, value, datatype }) => {
    const sample = h.fixture.testRows.slice(0, rows);
    const inputs: Json[] = fields.map((c) => ({
      name: c.name,
      shape: [rows],
      datatype: c.type === "int" ? "INT64" : c.type === "float" ? "FP64" : "BYTES",
      data: sample.map((r) => r[c.name] ?? null),
    }));
    const target = inputs[field];
    if (change === "drop") inputs.splice(field, 1);
    if (change === "datatype") target.datatype = datatype;
    if (change === "shape") target.shape = [rows + 1];
    if (change === "value") (target.data as unknown[])[0] = value;
    return { header: { inputs }, binary: new Uint8Array(0), length: "none" };
  });
  const statuses: Record<number, number> = {};
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(wild, nearFeatures, nearFields),
      async ({ header, binary, length }) => {
        const json = UTF8.encode(JSON.stringify(header));
        const body = new Uint8Array(json.byteLength + binary.byteLength);
        body.set(json);
        body.set(binary, json.byteLength);
        const headers: Record<string, string> = { "content-type": "application/octet-stream" };
        if (length === "json") headers["inference-header-content-length"] = String(json.byteLength);
        else if (length !== "none") headers["inference-header-content-length"] = length;
        const res = await h.app.request("/v2/models/riskpipe/infer", {
          method: "POST",
          headers,
          body: length === "none" ? json : body,
        });
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        const text = await res.text();
        assert.ok(
          res.status === 200 || (res.status >= 400 && res.status < 500),
          `${res.status} ${text}`,
        );
        if (res.status !== 200) {
          const answer = JSON.parse(text);
          assert.deepEqual(Object.keys(answer), ["error"], text);
          assert.equal(typeof answer.error, "string");
        }
        assert.deepEqual(h.errors, []);
      },
    ),
    { numRuns: 600, seed: 29 },
  );
  for (const status of [200, 400, 413]) {
    assert.ok(statuses[status] > 10, `few cases got ${status}: ${JSON.stringify(statuses)}`);
  }
});
