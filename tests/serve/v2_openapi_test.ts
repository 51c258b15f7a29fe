/** The V2 part of /openapi.json against real answers (Ajv, JSON Schema 2020-12). */
import assert from "node:assert/strict";
import { Ajv2020 } from "ajv/dist/2020.js";
import { harness } from "./harness.ts";
import { bytesOf, postInfer, readBinaryResponse } from "./v2_client.ts";

const INFER = "/v2/models/riskpipe/infer";

Deno.test("V2 refusals and a binary answer's JSON header match the documented schemas", async () => {
  await using h = await harness();
  const doc = await (await h.app.request("/openapi.json")).json();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(doc, "openapi");
  const error = ajv.getSchema("openapi#/components/schemas/V2Error")!;
  const response = ajv.getSchema("openapi#/components/schemas/V2InferenceResponse")!;
  const refusals = [
    await postInfer(h, INFER, { inputs: [{ name: "X", shape: [1], datatype: "FP64", data: [1] }] }),
    await h.app.request("/v2/models/nope"),
    await postInfer(h, "/v2/models/riskpipe/versions/v9/infer", { inputs: [] }),
  ];
  for (const res of refusals) {
    const body = await res.json();
    assert.ok(res.status === 400 || res.status === 404);
    assert.ok(error(body), ajv.errorsText(error.errors));
  }
  assert.ok(!error({ error: "x", issues: [] }), "the protocol's error has no issues");
  const model = h.live.current()!;
  const width = model.manifest.features.length;
  const values = new Float32Array(2 * width).fill(NaN);
  const res = await postInfer(h, INFER, {
    parameters: { binary_data_output: true },
    inputs: [{
      name: "features",
      shape: [2, width],
      datatype: "FP32",
      parameters: { binary_data_size: values.byteLength },
    }],
  }, [bytesOf(values)]);
  assert.equal(res.status, 200);
  const { json } = await readBinaryResponse(res);
  assert.ok(response(json), ajv.errorsText(response.errors));
  const metadata = ajv.getSchema("openapi#/components/schemas/V2ModelMetadata")!;
  assert.ok(metadata(await (await h.app.request("/v2/models/riskpipe")).json()));
});

Deno.test("the README's request, the documented example with two outputs asked for, scores", async () => {
  await using h = await harness();
  const doc = await (await h.app.request("/openapi.json")).json();
  const example = doc.paths["/v2/models/{name}/infer"].post.requestBody.content["application/json"]
    .examples.fields.value;
  const res = await postInfer(h, INFER, {
    ...example,
    outputs: [{ name: "probability" }, { name: "tier" }],
  });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  assert.equal(body.id, "example-1");
  assert.deepEqual(body.outputs.map((o: { name: string }) => o.name), ["probability", "tier"]);
  const row = doc.paths["/predict"].post.requestBody.content["application/json"].examples
    .applicant.value;
  const predict = await (await h.post("/predict", row)).json();
  assert.deepEqual(body.outputs[0].data, [predict.probability]);
});

Deno.test("the document holds every V2 path, with and without a version", async () => {
  await using h = await harness();
  const doc = await (await h.app.request("/openapi.json")).json();
  assert.deepEqual(Object.keys(doc.paths).filter((p) => p.startsWith("/v2")), [
    "/v2/health/live",
    "/v2/health/ready",
    "/v2",
    "/v2/models/{name}",
    "/v2/models/{name}/ready",
    "/v2/models/{name}/infer",
    "/v2/models/{name}/versions/{version}",
    "/v2/models/{name}/versions/{version}/ready",
    "/v2/models/{name}/versions/{version}/infer",
  ]);
});
