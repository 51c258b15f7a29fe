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

/** JSON text of a record's inputs: the client's own bytes when it carries them. */
export function recordInputsJson(
  record: { inputs: Record<string, unknown>; inputsUtf8?: Uint8Array },
): string {
  return record.inputsUtf8 === undefined
    ? inputsJson(record.inputs)
    : UTF8.decode(record.inputsUtf8);
}

/**
 * True when UTF-8 JSON holds a \u0000 escape (PostgreSQL's jsonb rejects NUL). Escaped
 * backslashes are skipped, so the text `\\u0000` is not taken for one.
 */
export function hasNulEscape(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(BACKSLASH); i !== -1; i = bytes.indexOf(BACKSLASH, i + 1)) {
    if (bytes[i + 1] === BACKSLASH) i++;
    else if (
      bytes[i + 1] === 0x75 && bytes[i + 2] === 0x30 && bytes[i + 3] === 0x30 &&
      bytes[i + 4] === 0x30 && bytes[i + 5] === 0x30
    ) return true;
  }
  return false;
}

const BACKSLASH = 0x5c;
const UTF8 = new TextDecoder();

/** Parses inputs JSON read back from a backend (a jsonb value may arrive parsed). */
export function parseInputs(value: unknown): Record<string, unknown> {
  const parsed = typeof value === "string" ? JSON.parse(value) : value;
  return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
    ? parsed as Record<string, unknown>
    : {};
}
