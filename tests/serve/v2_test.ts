/**
 * The Open Inference Protocol V2 routes through createApp: health, metadata, readiness,
 * and inference with JSON tensors, checked against the examples the protocol's own
 * documentation gives (names adapted to our model's inputs; shapes and structure kept).
 */
import assert from "node:assert/strict";
import { createApp } from "../../serve/app.ts";
import { VERSION } from "../../lib/cli/version.ts";
import { createLiveModel } from "../../lib/scoring/mod.ts";
import { csvServingFixture } from "../scoring/csv_serving_fixture.ts";
import { harness, memoryLog } from "./harness.ts";
import { fieldInputs, jsonFieldTensors, postInfer } from "./v2_client.ts";

const INFER = "/v2/models/riskpipe/infer";

Deno.test("GET /v2/health/live and /v2/health/ready answer 200 with a model loaded", async () => {
  await using h = await harness();
  const live = await h.app.request("/v2/health/live");
  assert.equal(live.status, 200);
  assert.deepEqual(await live.json(), { live: true });
  const ready = await h.app.request("/v2/health/ready");
  assert.equal(ready.status, 200);
  assert.deepEqual(await ready.json(), { ready: true });
});

Deno.test("with no model loaded the server is live, not ready (4xx), and infer answers 503 in protocol form", async () => {
  const live = createLiveModel({
    productionVersion: () => Promise.resolve(undefined),
    load: () => Promise.reject(new Error("no version")),
  });
  await live.reload();
  const app = createApp({ model: live, logStore: memoryLog() });
  assert.equal((await app.request("/v2/health/live")).status, 200);
  const ready = await app.request("/v2/health/ready");
  assert.equal(ready.status, 400);
  assert.deepEqual(await ready.json(), { ready: false });
  const modelReady = await app.request("/v2/models/riskpipe/ready");
  assert.equal(modelReady.status, 400);
  assert.deepEqual(await modelReady.json(), { name: "riskpipe", ready: false });
  assert.equal((await app.request("/v2/models/other/ready")).status, 404);
  const infer = await app.request(INFER, {
    method: "POST",
    body: JSON.stringify({
      inputs: [{ name: "AMT_CREDIT", shape: [1], datatype: "FP64", data: [1] }],
    }),
  });
  assert.equal(infer.status, 503);
  assert.deepEqual(Object.keys(await infer.json()), ["error"]);
  await live.close();
});

Deno.test("GET /v2 is the server metadata with the binary tensor data extension", async () => {
  await using h = await harness();
  const res = await h.app.request("/v2");
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), {
    name: "riskpipe",
    version: VERSION,
    extensions: ["binary_tensor_data"],
  });
});

Deno.test("the model metadata lists one input per request field of the contract, the features tensor and three outputs", async () => {
  await using h = await harness();
  const model = h.live.current()!;
  const res = await h.app.request("/v2/models/riskpipe");
  assert.equal(res.status, 200);
  const meta = await res.json();
  assert.equal(meta.name, "riskpipe");
  assert.deepEqual(meta.versions, [model.version]);
  assert.equal(meta.platform, "onnxruntime_onnx");
  const fields = model.info.contract.columns.filter((c) => !model.info.omit.includes(c.name));
  assert.deepEqual(
    meta.inputs.slice(0, -1).map((t: { name: string }) => t.name),
    fields.map((c) => c.name),
  );
  const byName = new Map(meta.inputs.map((t: { name: string }) => [t.name, t]));
  assert.deepEqual(byName.get("AMT_CREDIT"), { name: "AMT_CREDIT", datatype: "FP64", shape: [-1] });
  assert.deepEqual(byName.get("CNT_CHILDREN"), {
    name: "CNT_CHILDREN",
    datatype: "INT64",
    shape: [-1],
  });
  assert.deepEqual(byName.get("CODE_GENDER"), {
    name: "CODE_GENDER",
    datatype: "BYTES",
    shape: [-1],
  });
  assert.deepEqual(meta.inputs.at(-1), {
    name: "features",
    datatype: "FP32",
    shape: [-1, model.manifest.features.length],
  });
  assert.deepEqual(meta.outputs, [
    { name: "probability", datatype: "FP64", shape: [-1] },
    { name: "tier", datatype: "BYTES", shape: [-1] },
    { name: "version", datatype: "BYTES", shape: [-1] },
  ]);
});

Deno.test("the served version is addressable by path; another version or model is a 404 in protocol form", async () => {
  await using h = await harness();
  const version = h.live.current()!.version;
  const plain = await (await h.app.request("/v2/models/riskpipe")).json();
  const versioned = await h.app.request(`/v2/models/riskpipe/versions/${version}`);
  assert.equal(versioned.status, 200);
  assert.deepEqual(await versioned.json(), plain);
  const ready = await h.app.request(`/v2/models/riskpipe/versions/${version}/ready`);
  assert.deepEqual([ready.status, await ready.json()], [200, { name: "riskpipe", ready: true }]);
  const body = { inputs: [{ name: "features", shape: [0, 1], datatype: "FP32", data: [] }] };
  for (const path of ["/v2/models/other", "/v2/models/riskpipe/versions/v9999"]) {
    for (const [method, suffix] of [["GET", ""], ["GET", "/ready"], ["POST", "/infer"]]) {
      const res = await h.app.request(`${path}${suffix}`, {
        method,
        ...(method === "POST" ? { body: JSON.stringify(body) } : {}),
      });
      assert.equal(res.status, 404, `${method} ${path}${suffix}`);
      const answer = await res.json();
      assert.deepEqual(Object.keys(answer), ["error"]);
      assert.match(
        answer.error,
        path.endsWith("other") ? /Unknown model "other"/ : /Unknown version "v9999"/,
      );
    }
  }
  const badBodyElsewhere = await h.app.request("/v2/models/other/infer", {
    method: "POST",
    body: "{",
  });
  assert.equal(badBodyElsewhere.status, 404, "the model is checked before the body");
  assert.deepEqual(h.errors, []);
});

// The "Inference Request Examples" of KServe's predict protocol v2
// (kserve/kserve docs/predict-api/v2/required_api.md, the same text as
// kserve/open-inference-protocol specification/protocol/inference_rest.md): id "42", two
// inputs, one output asked for, and a response carrying that id and only that output.
// input0 (UINT32, flat data under a 2-D shape) becomes the csv model's `age` with shape
// [2, 1], input1 (BOOL) its `member`, output0 our `probability`.
Deno.test("the KServe inference request example gets its id and only the output it asked for", async () => {
  const fixture = await csvServingFixture();
  try {
    await using h = await harness({}, Promise.resolve(fixture));
    const res = await postInfer(h, INFER, {
      id: "42",
      inputs: [
        { name: "age", shape: [2, 1], datatype: "UINT32", data: [41, 35] },
        { name: "member", shape: [2], datatype: "BOOL", data: [true, false] },
      ],
      outputs: [{ name: "probability" }],
    });
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.deepEqual(Object.keys(body), ["model_name", "model_version", "id", "outputs"]);
    assert.equal(body.id, "42");
    assert.equal(body.model_name, "riskpipe");
    assert.equal(body.model_version, h.live.current()!.version);
    assert.equal(body.outputs.length, 1);
    const [output] = body.outputs;
    assert.deepEqual(Object.keys(output), ["name", "shape", "datatype", "data"]);
    assert.deepEqual([output.name, output.shape, output.datatype], ["probability", [2], "FP64"]);
    const batch = await (await h.post("/predict/batch", {
      rows: [{ age: 41, member: true }, { age: 35, member: false }],
    })).json();
    assert.deepEqual(
      output.data,
      batch.predictions.map((p: { probability: number }) => p.probability),
    );
  } finally {
    await fixture.dispose();
  }
});

// The same example as the specification prints it gives input1 shape [3] but one element
// (`"shape" : [ 3 ], "datatype" : "BOOL", "data" : [ true ]`): a shape and data that
// disagree, which the server refuses naming the tensor and the rule.
Deno.test("the KServe example's own input1 (shape [3], one element) is a 400 naming the tensor and the rule", async () => {
  const fixture = await csvServingFixture();
  try {
    await using h = await harness({}, Promise.resolve(fixture));
    const res = await postInfer(h, INFER, {
      id: "42",
      inputs: [
        { name: "age", shape: [2, 1], datatype: "UINT32", data: [1, 2] },
        { name: "member", shape: [3], datatype: "BOOL", data: [true] },
      ],
      outputs: [{ name: "probability" }],
    });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), {
      error: 'Input "member": shape holds 3 elements but "data" has 1 (rule shape)',
    });
  } finally {
    await fixture.dispose();
  }
});

// MLServer's content-type example (SeldonIO/MLServer docs/user-guide/content-type.md,
// "Usage"): a DataFrame as one tensor per column, request parameters
// {"content_type": "pd"}, a BYTES column with {"content_type": "str"} and an INT32 column,
// shape [2] each. "First Name" becomes our `city`, "Age" our `age`; the parameters are
// MLServer's own and are accepted and ignored.
Deno.test("the MLServer pandas content-type example scores one row per element", async () => {
  const fixture = await csvServingFixture();
  try {
    await using h = await harness({}, Promise.resolve(fixture));
    const res = await postInfer(h, INFER, {
      parameters: { content_type: "pd" },
      inputs: [
        {
          name: "city",
          datatype: "BYTES",
          parameters: { content_type: "str" },
          shape: [2],
          data: ["Oslo", "Bergen"],
        },
        { name: "age", datatype: "INT32", shape: [2], data: [34, 22] },
      ],
    });
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.deepEqual(body.outputs.map((o: { name: string }) => o.name), [
      "probability",
      "tier",
      "version",
    ]);
    const batch = await (await h.post("/predict/batch", {
      rows: [{ city: "Oslo", age: 34 }, { city: "Bergen", age: 22 }],
    })).json();
    assert.deepEqual(
      body.outputs[0].data,
      batch.predictions.map((p: { probability: number }) => p.probability),
    );
    assert.deepEqual(body.outputs[1].data, batch.predictions.map((p: { tier: string }) => p.tier));
    assert.deepEqual(body.outputs[2].data, [h.live.current()!.version, h.live.current()!.version]);
  } finally {
    await fixture.dispose();
  }
});

// KServe's XGBoost sample (kserve/kserve docs/samples/v1beta1/xgboost/README.md): one FP32
// tensor "input-0" of shape [2, 4] with nested row data, answered with {id, model_name,
// model_version, outputs: [{name, datatype, shape [2], data}]}. "input-0" becomes our
// `features` tensor [2, n_features] (its rows the model's feature vectors).
Deno.test("the KServe XGBoost sample's one FP32 tensor of nested rows scores as /predict does", async () => {
  await using h = await harness();
  const model = h.live.current()!;
  const rows = h.fixture.testRows.slice(0, 2);
  const data = rows.map((r) => Array.from(model.featuresOf(r), (v) => Number.isNaN(v) ? null : v));
  const res = await postInfer(h, INFER, {
    inputs: [{
      name: "features",
      shape: [2, model.manifest.features.length],
      datatype: "FP32",
      data,
    }],
  });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body).slice(0, 300));
  assert.deepEqual(Object.keys(body).sort(), ["id", "model_name", "model_version", "outputs"]);
  assert.equal(body.id, "req-1", "without an id the request's own id is returned");
  const [probability] = body.outputs;
  assert.deepEqual([probability.name, probability.shape], ["probability", [2]]);
  for (let i = 0; i < 2; i++) {
    const one = await (await h.post("/predict", rows[i])).json();
    assert.ok(Math.abs(probability.data[i] - one.probability) <= 1e-6, `row ${i}`);
  }
});

Deno.test("every held-out row sent as one [n, 1] tensor per field scores exactly as /predict/batch", async () => {
  await using h = await harness();
  const rows = h.fixture.testRows;
  const inputs = jsonFieldTensors(await fieldInputs(h), rows);
  const res = await postInfer(h, INFER, { id: "all", inputs });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body).slice(0, 300));
  const batch = await (await h.post("/predict/batch", { rows })).json();
  assert.deepEqual(
    body.outputs[0].data,
    batch.predictions.map((p: { probability: number }) => p.probability),
  );
  assert.deepEqual(body.outputs[1].data, batch.predictions.map((p: { tier: string }) => p.tier));
});

Deno.test("field-tensor rows are logged as /v2/infer rows with their inputs; feature rows with their own endpoint", async () => {
  await using h = await harness();
  const model = h.live.current()!;
  const rows = h.fixture.testRows.slice(0, 2);
  await postInfer(h, INFER, { inputs: jsonFieldTensors(await fieldInputs(h), rows) });
  const width = model.manifest.features.length;
  await postInfer(h, INFER, {
    inputs: [{
      name: "features",
      shape: [1, width],
      datatype: "FP32",
      data: new Array(width).fill(null),
    }],
  });
  assert.deepEqual(h.log.records.map((r) => [r.requestId, r.endpoint]), [
    ["req-1", "/v2/infer"],
    ["req-1", "/v2/infer"],
    ["req-2", "/v2/infer:features"],
  ]);
  assert.equal(h.log.records[0].inputs.SK_ID_CURR, rows[0].SK_ID_CURR);
  assert.equal(h.log.records[0].modelVersion, model.version);
  assert.deepEqual(h.log.records[2].inputs, {});
});

Deno.test("the outputs field selects outputs, in the order asked", async () => {
  await using h = await harness();
  const rows = h.fixture.testRows.slice(0, 3);
  const res = await postInfer(h, INFER, {
    inputs: jsonFieldTensors(await fieldInputs(h), rows),
    outputs: [{ name: "version" }, { name: "tier" }],
  });
  const body = await res.json();
  assert.deepEqual(body.outputs.map((o: { name: string }) => o.name), ["version", "tier"]);
  assert.deepEqual(body.outputs[1].datatype, "BYTES");
  assert.deepEqual(body.outputs[1].shape, [3]);
});
