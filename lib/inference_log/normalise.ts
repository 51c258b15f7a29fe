/**
 * Records as every backend accepts them, checked once at `append` so that one odd record
 * can never make a whole batch fail again and again: a time that is not a date drops the
 * record; text fields become strings without NUL characters (PostgreSQL rejects them);
 * the score becomes a number. A client's own input bytes are kept as they are: only the
 * PostgreSQL backend must clean them (json.ts).
 */
import type { InferenceRecord } from "./types.ts";

/** The record made safe to write, or undefined when its time is not a date. */
export function normaliseRecord(record: InferenceRecord): InferenceRecord | undefined {
  const millis = Date.parse(record?.time);
  if (Number.isNaN(millis)) return undefined;
  const inputs = record.inputs;
  const inputsOk = inputs !== null && typeof inputs === "object" && !Array.isArray(inputs);
  const safe: InferenceRecord = {
    requestId: text(record.requestId),
    time: millis === lastMillis ? lastTime : isoTime(millis),
    modelVersion: text(record.modelVersion),
    endpoint: text(record.endpoint),
    inputs: inputsOk ? inputs : {},
    score: Number(record.score),
    tier: text(record.tier),
  };
  if (inputsOk && record.inputsUtf8 instanceof Uint8Array) safe.inputsUtf8 = record.inputsUtf8;
  if (record.pairId !== undefined && record.pairId !== null) safe.pairId = text(record.pairId);
  if (record.shadow === true) safe.shadow = true;
  const latency = Number(record.latencyMs);
  if (record.latencyMs !== undefined && Number.isFinite(latency)) safe.latencyMs = latency;
  const outlier = record.outlier;
  if (outlier !== undefined && outlier !== null && typeof outlier === "object") {
    safe.outlier = { score: Number(outlier.score), flag: outlier.flag === true };
  }
  return safe;
}

// Records come in bursts from one clock tick: format each millisecond once.
let lastMillis = NaN;
let lastTime = "";

function isoTime(millis: number): string {
  lastTime = new Date(millis).toISOString();
  lastMillis = millis;
  return lastTime;
}

/** Removes NUL characters from text: PostgreSQL's text and jsonb cannot hold them. */
export function withoutNul(value: string): string {
  return value.includes("\0") ? value.replaceAll("\0", "") : value;
}

function text(value: unknown): string {
  return withoutNul(typeof value === "string" ? value : String(value ?? ""));
}
