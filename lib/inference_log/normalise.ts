/**
 * Records as every backend accepts them, checked once at `append` so that one odd record
 * can never make a whole batch fail again and again: a time that is not a date drops the
 * record; text fields become strings without NUL characters (PostgreSQL rejects them);
 * the score becomes a number.
 */
import type { InferenceRecord } from "./types.ts";

/** The record made safe to write, or undefined when its time is not a date. */
export function normaliseRecord(record: InferenceRecord): InferenceRecord | undefined {
  const millis = Date.parse(record?.time);
  if (Number.isNaN(millis)) return undefined;
  const inputs = record.inputs;
  return {
    requestId: text(record.requestId),
    time: new Date(millis).toISOString(),
    modelVersion: text(record.modelVersion),
    endpoint: text(record.endpoint),
    inputs: inputs !== null && typeof inputs === "object" && !Array.isArray(inputs) ? inputs : {},
    score: Number(record.score),
    tier: text(record.tier),
  };
}

/** Removes NUL characters from text: PostgreSQL's text and jsonb cannot hold them. */
export function withoutNul(value: string): string {
  return value.includes("\0") ? value.replaceAll("\0", "") : value;
}

function text(value: unknown): string {
  return withoutNul(typeof value === "string" ? value : String(value ?? ""));
}
