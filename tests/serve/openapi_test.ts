import assert from "node:assert/strict";
import { join } from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { Ajv2020 } from "ajv/dist/2020.js";
import { csvServingFixture } from "../scoring/csv_serving_fixture.ts";
import { type Harness, harness } from "./harness.ts";

type Json = Record<string, unknown>;
type Operation = {
  parameters?: { name: string; in: string; example?: string }[];
  requestBody?: {
    content: { "application/json": { examples: Record<string, { value: unknown }> } };
  };
  responses: Record<string, { content?: Record<string, { schema: Json }> }>;
  security?: unknown[];
};

const TOKEN = "docs-token";

async function documentOf(h: Harness): Promise<Json> {
  const res = await h.app.request("/openapi.json");
  assert.equal(res.status, 200);
  return await res.json();
}

/** A harness with the admin routes on and a one-page drift site, so every route answers. */
async function fullHarness(fixture?: Parameters<typeof harness>[1]): Promise<Harness> {
  const driftDir = await Deno.makeTempDir({ prefix: "riskpipe-openapi-drift-" });
  await Deno.writeTextFile(join(driftDir, "index.html"), "<!doctype html><title>drift</title>");
  const h = await harness({ adminToken: TOKEN, driftDir }, fixture);
  return {
    ...h,
    [Symbol.asyncDispose]: async () => {
      await h[Symbol.asyncDispose]();
      await Deno.remove(driftDir, { recursive: true });
    },
  };
}

/**
 * Operations whose example is not a 200 here: a rollback would move the shared fixture's
 * @champion, so the harness has no registry and the documented 409 answers.
 */
const NOT_200 = new Map([["post /admin/rollback", "409"]]);

/** Every operation of `doc` as [path, method, operation]. */
function operations(doc: Json): [string, string, Operation][] {
  return Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap((
    [path, item],
  ) => Object.entries(item).map(([method, op]): [string, string, Operation] => [path, method, op]));
}

/**
 * Calls every operation with its documented examples (bodies, path parameters) and
 * checks each answer's status and body against the document, with Ajv (JSON Schema
 * 2020-12, the dialect of OpenAPI 3.1) resolving the document's own $refs.
 */
async function callEveryExample(h: Harness, doc: Json): Promise<string[]> {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(doc, "openapi");
  const called: string[] = [];
  for (const [path, method, op] of operations(doc)) {
    let url = path;
    for (const p of op.parameters ?? []) {
      if (p.in === "path") url = url.replace(`{${p.name}}`, p.example ?? "");
    }
    const headers: Record<string, string> = op.security ? { authorization: `Bearer ${TOKEN}` } : {};
    const examples = op.requestBody
      ? Object.values(op.requestBody.content["application/json"].examples).map((e) => e.value)
      : [undefined];
    assert.ok(examples.length > 0, `${method} ${path}: no example`);
    const expected = NOT_200.get(`${method} ${path}`) ??
      ("200" in op.responses ? "200" : Object.keys(op.responses)[0]);
    for (const example of examples) {
      const res = await h.app.request(url, {
        method: method.toUpperCase(),
        headers: example === undefined
          ? headers
          : { ...headers, "content-type": "application/json" },
        body: example === undefined ? undefined : JSON.stringify(example),
        redirect: "manual",
      });
      const text = await res.text();
      assert.equal(String(res.status), expected, `${method} ${path}: ${text.slice(0, 300)}`);
      const content = op.responses[expected].content ?? {};
      if ("application/json" in content) {
        const pointer =
          `openapi#/paths/${path.replaceAll("~", "~0").replaceAll("/", "~1")}/${method}` +
          `/responses/${expected}/content/application~1json/schema`;
        const validate = ajv.getSchema(pointer);
        assert.ok(validate, `no schema at ${pointer}`);
        const ok = validate(JSON.parse(text));
        assert.ok(ok, `${method} ${path}: ${ajv.errorsText(validate.errors)}`);
      } else if (Object.keys(content).length > 0) {
        assert.ok(text.length > 0, `${method} ${path}: empty body`);
      }
      called.push(`${method.toUpperCase()} ${path} ${res.status}`);
    }
  }
  return called;
}

Deno.test("the Home Credit document passes swagger-parser validation", async () => {
  await using h = await harness();
  const doc = await documentOf(h);
  await SwaggerParser.validate(structuredClone(doc) as never);
  assert.equal(doc.openapi, "3.1.0");
});

Deno.test("the csv document passes swagger-parser validation and describes the row as the file holds it", async () => {
  const fixture = await csvServingFixture();
  try {
    await using h = await harness({}, Promise.resolve(fixture));
    const doc = await documentOf(h);
    await SwaggerParser.validate(structuredClone(doc) as never);
    const applicant = (doc.components as Json & { schemas: Record<string, Json> }).schemas
      .Applicant as { required?: string[]; properties: Record<string, Json & { anyOf: Json[] }> };
    assert.deepEqual(Object.keys(applicant.properties), [
      "loan_id",
      "age",
      "income",
      "city",
      "member",
    ]);
    assert.equal(applicant.required, undefined, "every csv field may be missing");
    const { member, city, age } = applicant.properties;
    assert.deepEqual(member.anyOf.slice(0, 2), [
      { type: "boolean" },
      { type: "string", enum: ["yes", "true", "y", "t", "no", "false", "n", "f"] },
    ]);
    assert.deepEqual(member.anyOf[3], { enum: ["", "NA", "N/A", "?", "null", "NaN"] });
    assert.match(String(member.description), /one of yes, true, y, t \(true\)/);
    assert.deepEqual(
      [...(city.anyOf[0].examples as string[])].sort(),
      ["Bergen", "Oslo", "Trondheim"],
    );
    assert.match(String(city.description), /another value is scored as missing/);
    assert.deepEqual(age.anyOf[0], { type: "integer" });
    // The example is the file's first record, spelled as the file spells it.
    const example = (doc.paths as Record<string, Record<string, Operation>>)["/predict"].post
      .requestBody!.content["application/json"].examples.applicant.value as Json;
    const firstRecord = (await Deno.readTextFile(`${fixture.root}/loans.csv`)).split("\n")[1]
      .split(",");
    assert.deepEqual(example, {
      loan_id: firstRecord[0],
      age: firstRecord[1],
      income: firstRecord[2],
      city: firstRecord[3],
      member: firstRecord[4],
    });
    assert.ok(["yes", "no"].includes(String(example.member)));
  } finally {
    await fixture.dispose();
  }
});

Deno.test("every route the app serves is in the document", async () => {
  await using h = await harness();
  const doc = await documentOf(h);
  const documented = new Set(operations(doc).map(([path, method]) => `${method} ${path}`));
  const served = h.app.routes.filter((r) => r.method !== "ALL")
    .map((r) =>
      `${r.method.toLowerCase()} ${r.path.replace("/*", "/{file}").replace(/:(\w+)/g, "{$1}")}`
    );
  assert.deepEqual([...new Set(served)].filter((r) => !documented.has(r)), []);
  assert.equal(documented.size, new Set(served).size);
});

Deno.test("every documented Home Credit example gets 200 and a body matching its schema", async () => {
  await using h = await fullHarness();
  const doc = await documentOf(h);
  const called = await callEveryExample(h, doc);
  assert.deepEqual(called, [
    "POST /predict 200",
    "POST /predict/batch 200",
    "POST /explain 200",
    "POST /feedback 200",
    "POST /feedback 200",
    "GET /health 200",
    "GET /model 200",
    "GET /metrics 200",
    "GET /openapi.json 200",
    "GET /docs 200",
    "GET /ui 200",
    "GET /ui/assets/{file} 200",
    "GET /drift 301",
    "GET /drift/{file} 200",
    "POST /admin/reload 200",
    "POST /admin/rollback 409",
    "GET /admin/inferences 200",
    "GET /v2/health/live 200",
    "GET /v2/health/ready 200",
    "GET /v2 200",
    "GET /v2/models/{name} 200",
    "GET /v2/models/{name}/ready 200",
    "POST /v2/models/{name}/infer 200",
    "GET /v2/models/{name}/versions/{version} 200",
    "GET /v2/models/{name}/versions/{version}/ready 200",
    "POST /v2/models/{name}/versions/{version}/infer 200",
  ]);
});

Deno.test("the Home Credit example is a real training row, not one made from the rules", async () => {
  await using h = await harness();
  const doc = await documentOf(h) as { paths: Record<string, Record<string, Operation>> };
  const example = doc.paths["/predict"].post.requestBody!.content["application/json"].examples
    .applicant.value as Json;
  assert.equal(h.live.current()!.info.example?.SK_ID_CURR, example.SK_ID_CURR);
  assert.ok(h.live.current()!.snapshot!.lookup(example.SK_ID_CURR), "the key has history");
});

Deno.test("every documented csv example gets 200 and a body matching its schema", async () => {
  const fixture = await csvServingFixture();
  try {
    await using h = await fullHarness(Promise.resolve(fixture));
    const doc = await documentOf(h);
    const called = await callEveryExample(h, doc);
    assert.ok(called.includes("POST /explain 200"));
    assert.ok(called.includes("POST /v2/models/{name}/infer 200"));
    assert.equal(called.length, 26);
  } finally {
    await fixture.dispose();
  }
});

Deno.test("error bodies match the documented Error schema", async () => {
  await using h = await harness({ maxBatchRows: 1 });
  const doc = await documentOf(h);
  const ajv = new Ajv2020({ strict: false });
  ajv.addSchema(doc, "openapi");
  const validate = ajv.getSchema("openapi#/components/schemas/Error")!;
  const row = h.fixture.testRows[0];
  const cases: [number, Promise<Response>][] = [
    [400, h.post("/predict", "{")],
    [415, h.post("/predict", "{}", { "content-type": "text/plain" })],
    [413, h.post("/predict/batch", { rows: [row, row] })],
    [422, h.post("/explain", { ...row, CODE_GENDER: "Q" })],
    [404, h.post("/admin/reload", {})],
  ];
  for (const [status, pending] of cases) {
    const res = await pending;
    assert.equal(res.status, status);
    const body = await res.json();
    assert.ok(validate(body), `${status}: ${ajv.errorsText(validate.errors)}`);
  }
});

Deno.test("a response with a field the schema lacks fails the response check", async () => {
  await using h = await harness();
  const doc = await documentOf(h);
  const ajv = new Ajv2020({ strict: false });
  ajv.addSchema(doc, "openapi");
  const validate = ajv.getSchema("openapi#/components/schemas/Explanation")!;
  const body = await (await h.post("/explain", h.fixture.testRows[0])).json();
  assert.ok(validate(body), ajv.errorsText(validate.errors));
  assert.ok(!validate({ ...body, extra: 1 }));
  const { baseline: _, ...withoutBaseline } = body;
  assert.ok(!validate(withoutBaseline));
});

Deno.test("the csv fixture's rows score as its model does over HTTP", async () => {
  const fixture = await csvServingFixture();
  try {
    await using h = await harness({}, Promise.resolve(fixture));
    const res = await h.post("/predict/batch", { rows: fixture.testRows });
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body).slice(0, 300));
    body.predictions.forEach((p: { probability: number }, i: number) =>
      assert.ok(Math.abs(p.probability - fixture.expected[i]) < 1e-6, `row ${i}`)
    );
  } finally {
    await fixture.dispose();
  }
});

Deno.test("the documented 422 example is what the example row without its first required field gets", async () => {
  await using h = await harness();
  // deno-lint-ignore no-explicit-any
  const doc = await documentOf(h) as any;
  const row = doc.paths["/predict"].post.requestBody.content["application/json"].examples
    .applicant.value;
  const documented = doc.components.responses.InvalidFields.content["application/json"]
    .examples.missing.value;
  const { [documented.issues[0].field]: _, ...without } = row;
  const res = await h.post("/predict", without);
  assert.equal(res.status, 422);
  assert.deepEqual(await res.json(), documented);
});

Deno.test("the documented csv 422 example is what the example row gets with a boolean saying maybe", async () => {
  const fixture = await csvServingFixture();
  try {
    await using h = await harness({}, Promise.resolve(fixture));
    // deno-lint-ignore no-explicit-any
    const doc = await documentOf(h) as any;
    const row = doc.paths["/predict"].post.requestBody.content["application/json"].examples
      .applicant.value;
    const documented = doc.components.responses.InvalidFields.content["application/json"]
      .examples.unreadable.value;
    assert.equal(documented.issues[0].field, "member");
    assert.match(documented.issues[0].message, /"member": must be one of yes, true, y, t, no/);
    const res = await h.post("/predict", { ...row, member: "maybe" });
    assert.equal(res.status, 422);
    assert.deepEqual(await res.json(), documented);
  } finally {
    await fixture.dispose();
  }
});
