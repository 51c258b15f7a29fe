import { withoutNul } from "./normalise.ts";

/**
 * JSON text of a record's inputs that never throws: bigints as strings, NUL characters
 * removed from text (PostgreSQL's jsonb rejects them), unserialisable inputs replaced.
 */
export function inputsJson(inputs: Record<string, unknown>): string {
  // Fast path without a replacer; JSON.stringify writes NUL as \u0000, so its text tells
  // when the cleaning replacer is needed (and bigints make it throw).
  try {
    const plain = JSON.stringify(inputs);
    if (plain !== undefined && !plain.includes("\\u0000")) return plain;
  } catch {
    // bigints or cycles: the replacer path below decides
  }
  try {
    return JSON.stringify(
      inputs,
      (_key, value) =>
        typeof value === "bigint"
          ? value.toString()
          : typeof value === "string"
          ? withoutNul(value)
          : value,
    ) ?? "{}";
  } catch {
    return JSON.stringify({ unserialisable: true });
  }
}

/**
 * JSON text of a record's inputs for a backend that rejects NUL (PostgreSQL's jsonb): the
 * client's own bytes when they hold no \u0000 escape, else {@link inputsJson} of the
 * parsed inputs, which drops the NUL characters.
 */
export function recordInputsJson(
  record: { inputs: Record<string, unknown>; inputsUtf8?: Uint8Array },
): string {
  if (record.inputsUtf8 === undefined) return inputsJson(record.inputs);
  const text = UTF8.decode(record.inputsUtf8);
  return text.includes("\\u0000") ? inputsJson(record.inputs) : text;
}

const UTF8 = new TextDecoder();

/** Parses inputs JSON read back from a backend (a jsonb value may arrive parsed). */
export function parseInputs(value: unknown): Record<string, unknown> {
  const parsed = typeof value === "string" ? JSON.parse(value) : value;
  return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
    ? parsed as Record<string, unknown>
    : {};
}
