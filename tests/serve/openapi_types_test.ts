/**
 * openapi-typescript over /openapi.json: the generated types must describe the real
 * operations well enough that a typed client call checks and a wrong one does not.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { csvServingFixture } from "../scoring/csv_serving_fixture.ts";
import { type Harness, harness } from "./harness.ts";

/** A client over the generated types: a typed /explain and /predict/batch call. */
const CLIENT = `import type { paths } from "./api.d.ts";

type ApplicantRow = paths["/predict"]["post"]["requestBody"]["content"]["application/json"];
type Prediction = paths["/predict"]["post"]["responses"][200]["content"]["application/json"];
type Explanation = paths["/explain"]["post"]["responses"][200]["content"]["application/json"];
type BatchBody = paths["/predict/batch"]["post"]["requestBody"]["content"]["application/json"];
type BatchResponse =
  paths["/predict/batch"]["post"]["responses"][200]["content"]["application/json"];

async function post<B, R>(path: string, body: B): Promise<R> {
  const res = await fetch("http://127.0.0.1:1" + path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return await res.json() as R;
}

export const explain = (row: ApplicantRow) => post<ApplicantRow, Explanation>("/explain", row);
export const predict = (row: ApplicantRow) => post<ApplicantRow, Prediction>("/predict", row);
export const batch = (body: BatchBody) => post<BatchBody, BatchResponse>("/predict/batch", body);

export async function describe(row: ApplicantRow): Promise<string> {
  const e = await explain(row);
  const b = await batch({ rows: [row], explain: true });
  const first = b.predictions[0];
  return e.tier + " " + e.baseline.toFixed(3) + " " + e.reasons.up.map((r) => r.feature).join() +
    " " + first.probability + " " + (first.explanation?.summary ?? "");
}
`;

async function documentOf(h: Harness): Promise<Record<string, unknown>> {
  return await (await h.app.request("/openapi.json")).json();
}

/** Generates api.d.ts from `doc`, adds the client plus `extra`, and runs `deno check`. */
async function checkClient(
  doc: Record<string, unknown>,
  extra: string,
): Promise<{ ok: boolean; output: string }> {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-openapi-client-" });
  try {
    const { default: openapiTS, astToString } = await loadOpenapiTypescript();
    await Deno.writeTextFile(join(dir, "api.d.ts"), astToString(await openapiTS(doc as never)));
    await Deno.writeTextFile(join(dir, "client.ts"), CLIENT + extra);
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["check", "--no-config", "--quiet", "client.ts"],
      cwd: dir,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const output = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
    return { ok: out.success, output };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function exampleOf(doc: Record<string, unknown>): Record<string, unknown> {
  // deno-lint-ignore no-explicit-any
  return (doc as any).paths["/predict"].post.requestBody.content["application/json"].examples
    .applicant.value;
}

Deno.test("generated types type-check a client call with the documented Home Credit example", async () => {
  await using h = await harness();
  const doc = await documentOf(h);
  const row = JSON.stringify(exampleOf(doc));
  const good = await checkClient(doc, `\nexport const sent = describe(${row});\n`);
  assert.ok(good.ok, good.output);
});

Deno.test("generated types reject a wrong level, a missing field and a field /predict does not return", async () => {
  await using h = await harness();
  const doc = await documentOf(h);
  const row = exampleOf(doc);
  const { SK_ID_CURR: _, ...withoutKey } = row;
  const wrong = {
    level: `\nexport const sent = predict(${JSON.stringify({ ...row, CODE_GENDER: "Q" })});\n`,
    missing: `\nexport const sent = predict(${JSON.stringify(withoutKey)});\n`,
    baseline: `\nexport const b = predict(${JSON.stringify(row)}).then((p) => p.baseline);\n`,
  };
  for (const [name, snippet] of Object.entries(wrong)) {
    const result = await checkClient(doc, snippet);
    assert.ok(!result.ok, `${name}: the wrong call type-checked`);
    assert.match(result.output, /TS2\d{3}/, name);
  }
});

Deno.test("generated types of a csv version type-check its example and the file's spellings, and reject a number for a boolean", async () => {
  const fixture = await csvServingFixture();
  try {
    await using h = await harness({}, Promise.resolve(fixture));
    const doc = await documentOf(h);
    const row = exampleOf(doc);
    const spelled = JSON.stringify({ ...row, member: "no", age: "41", income: "NA" });
    const good = await checkClient(
      doc,
      `\nexport const sent = describe(${
        JSON.stringify(row)
      });\nexport const spelled = predict(${spelled});\n`,
    );
    assert.ok(good.ok, good.output);
    const text = JSON.stringify({ ...row, member: 1 });
    const bad = await checkClient(doc, `\nexport const sent = predict(${text});\n`);
    assert.ok(!bad.ok, "a number for a boolean type-checked");
  } finally {
    await fixture.dispose();
  }
});

/**
 * openapi-typescript, loaded untyped: its declarations pull in @types/node 20, which would
 * replace Deno's own Node types (and `node:sqlite`) for every file `deno check .` sees.
 */
interface OpenapiTypescript {
  default: (doc: never) => Promise<unknown>;
  astToString: (ast: unknown) => string;
}
function loadOpenapiTypescript(): Promise<OpenapiTypescript> {
  const specifier: string = "openapi-typescript";
  return import(specifier);
}
