/** Builds the app over the serving fixture with an in-memory log and fixed ids and clock. */
import { type AppDeps, createApp } from "../../serve/app.ts";
import { createLiveModel, type LiveModel, loadServingModel } from "../../lib/scoring/mod.ts";
import {
  createMemoryOutcomeStore,
  type InferenceRecord,
  type LogStore,
} from "../../lib/inference_log/mod.ts";
import { productionVersion } from "../../lib/registry/mod.ts";
import { type ServingFixture, servingFixture } from "../scoring/serving_fixture.ts";

/** An in-memory log store that records what was appended. */
export interface MemoryLog extends LogStore {
  records: InferenceRecord[];
}

/** A log store keeping records in an array. */
export function memoryLog(): MemoryLog {
  const records: InferenceRecord[] = [];
  return {
    records,
    append: (batch) => void records.push(...batch),
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
    stats: () => ({ written: records.length, dropped: 0, failures: 0, pending: 0, lost: 0 }),
  };
}

/** The app, its live model and log, over the shared fixture. */
export interface Harness {
  fixture: ServingFixture;
  app: ReturnType<typeof createApp>;
  live: LiveModel;
  log: MemoryLog;
  errors: unknown[];
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Starts a harness; dispose it to free the ONNX sessions. */
export async function harness(
  deps: Partial<AppDeps> = {},
  fixturePromise: Promise<ServingFixture> = servingFixture(),
): Promise<Harness> {
  const fixture = await fixturePromise;
  const live = createLiveModel({
    productionVersion: () => productionVersion(fixture.registry),
    load: (version) => loadServingModel(fixture.registry, version),
    clock: () => new Date("2026-01-02T03:04:05Z"),
  });
  await live.reload();
  const log = memoryLog();
  const errors: unknown[] = [];
  let id = 0;
  const app = createApp({
    model: live,
    logStore: log,
    outcomes: createMemoryOutcomeStore(log.records),
    clock: () => new Date("2026-01-02T03:04:05Z"),
    requestId: () => `req-${++id}`,
    onServerError: (error) => errors.push(error),
    ...deps,
  });
  return {
    fixture,
    app,
    live,
    log,
    errors,
    post: (path, body, headers = {}) =>
      Promise.resolve(app.request(path, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      })),
    [Symbol.asyncDispose]: () => live.close(),
  };
}
