/**
 * The Open Inference Protocol (KServe V2 / Triton / MLServer REST): health, server and
 * model metadata, model readiness and inference with JSON or binary tensors, under /v2.
 * One model, "riskpipe", whose addressable version is the one being served; every
 * refusal is the protocol's `{ "error": "…" }`.
 */
import { type Context, Hono } from "hono";
import type { ServingModel } from "../../lib/scoring/model.ts";
import { NoModelError } from "../../lib/scoring/live_model.ts";
import type { ServeContext } from "../context.ts";
import { requestIdOf } from "../request_id.ts";
import { scoreRows } from "../scoring.ts";
import { V2Error, v2ErrorAnswer } from "../v2/errors.ts";
import { HEADER_LENGTH, readInferBody } from "../v2/infer_body.ts";
import { parseInferRequest } from "../v2/infer_request.ts";
import { checkRequestedOutputs, type InferAnswer, inferAnswer } from "../v2/infer_response.ts";
import { MODEL_NAME, modelMetadata, serverMetadata } from "../v2/metadata.ts";
import { modelInput } from "../v2/model_input.ts";
import { scoreFeatures } from "../v2/score_features.ts";
import { jsonAnswer, sizedAnswer } from "../sized_answer.ts";

/** The endpoint name rows scored from field tensors are logged under. */
export const V2_ENDPOINT = "/v2/infer";

/** The V2 routes. */
export function v2Routes(ctx: ServeContext): Hono {
  const app = new Hono();

  app.get("/v2/health/live", (c) => jsonAnswer(c, { live: true }));
  // The protocol: 200 means ready, a 4xx not ready.
  app.get("/v2/health/ready", (c) => {
    const ready = ctx.model.current() !== undefined;
    return jsonAnswer(c, { ready }, ready ? 200 : 400);
  });
  app.get("/v2", (c) => jsonAnswer(c, serverMetadata()));

  for (const base of ["/v2/models/:name", "/v2/models/:name/versions/:version"]) {
    app.get(base, (c) => answering(c, () => jsonAnswer(c, modelMetadata(addressed(c, ctx)))));
    app.get(`${base}/ready`, (c) =>
      answering(c, () => {
        knownName(c);
        const model = ctx.model.current();
        if (model === undefined) return jsonAnswer(c, { name: MODEL_NAME, ready: false }, 400);
        addressedModel(c, model);
        return jsonAnswer(c, { name: MODEL_NAME, ready: true });
      }));
    app.post(`${base}/infer`, (c) => answering(c, () => infer(c, ctx)));
  }
  return app;
}

async function infer(c: Context, ctx: ServeContext): Promise<Response> {
  knownName(c);
  const requestId = requestIdOf(c, ctx);
  const body = await readInferBody(c, ctx.maxBodyBytes);
  const request = parseInferRequest(body.header, body.binary);
  checkRequestedOutputs(request.outputs);
  return await ctx.model.use(async (model) => {
    addressedModel(c, model);
    const input = modelInput(model, request.inputs, ctx.maxBatchRows);
    let probabilities: Float32Array;
    let tiers: string[];
    if (input.kind === "features") {
      ({ probabilities, tiers } = await scoreFeatures(
        ctx,
        model,
        input.values,
        input.rows,
        requestId,
      ));
    } else {
      const predictions = await scoreRows(ctx, model, input.rows, {
        endpoint: V2_ENDPOINT,
        requestId,
        explain: false,
        unseen: input.unseen,
      });
      probabilities = Float32Array.from(predictions, (p) => p.probability);
      tiers = predictions.map((p) => p.tier);
    }
    const answer = inferAnswer(
      {
        modelName: MODEL_NAME,
        modelVersion: model.version,
        id: request.id ?? requestId,
        probabilities,
        tiers,
      },
      request.outputs,
      request.binaryOutput,
    );
    return send(c, answer);
  });
}

const UTF8 = new TextEncoder();

function send(c: Context, answer: InferAnswer): Response {
  if (answer.binary === undefined) return jsonAnswer(c, answer.json);
  const header = UTF8.encode(JSON.stringify(answer.json));
  const body = new Uint8Array(
    header.byteLength + answer.binary.reduce((n, b) => n + b.byteLength, 0),
  );
  body.set(header);
  let at = header.byteLength;
  for (const bytes of answer.binary) {
    body.set(bytes, at);
    at += bytes.byteLength;
  }
  return sizedAnswer(c, body, 200, {
    "content-type": "application/octet-stream",
    [HEADER_LENGTH]: String(header.byteLength),
  });
}

/** The served model, when the path names it (and its version, if any); else a 404. */
function addressed(c: Context, ctx: ServeContext): ServingModel {
  const model = ctx.model.current();
  if (model === undefined) throw new NoModelError();
  return addressedModel(c, model);
}

function addressedModel(c: Context, model: ServingModel): ServingModel {
  knownName(c);
  const version = c.req.param("version");
  if (version !== undefined && version !== model.version) {
    throw new V2Error(
      `Unknown version "${version}" of model "${MODEL_NAME}": the served version is ${model.version}`,
      404,
    );
  }
  return model;
}

/** A 404 unless the path names the one model. */
function knownName(c: Context): void {
  const name = c.req.param("name");
  if (name !== MODEL_NAME) {
    throw new V2Error(`Unknown model "${name}": this server serves "${MODEL_NAME}"`, 404);
  }
}

async function answering(c: Context, answer: () => Response | Promise<Response>) {
  try {
    return await answer();
  } catch (error) {
    const known = v2ErrorAnswer(error);
    if (known === undefined) throw error;
    return jsonAnswer(c, known.body, known.status);
  }
}
