/**
 * Reads an XGBoost model file's bytes: JSON is imported; the binary formats XGBoost can
 * also save (UBJSON, the default of `save_model` for names not ending in .json in 2.x,
 * and the deprecated `binf` format) are recognised by their first bytes and refused
 * with what to do instead, rather than failing as malformed JSON.
 */
import type { GbdtModel } from "../types.ts";
import { importXgboostJson } from "./import.ts";

const SAVE_AS_JSON = "save with model.save_model('model.json')";

// After an object's "{", UBJSON writes a length marker (i U I l L) or a container
// option ($ #); JSON writes whitespace, a quote or "}".
const UBJ_MARKERS = new Set([..."iUIlL$#"].map((c) => c.charCodeAt(0)));

/**
 * Imports XGBoost model bytes, refusing UBJ and the deprecated binary format by name;
 * errors start "Cannot import " + `source`.
 * @example
 * const model = importXgboostBytes(await Deno.readFile("model.json"));
 */
export function importXgboostBytes(bytes: Uint8Array, source = "XGBoost model"): GbdtModel {
  const format = binaryFormat(bytes);
  if (format !== undefined) {
    throw new TypeError(`Cannot import ${source}: ${format} are not supported: ${SAVE_AS_JSON}`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new TypeError(
      `Cannot import ${source}: the file is neither JSON nor UTF-8 text: ${SAVE_AS_JSON}`,
    );
  }
  return importXgboostJson(text, source);
}

/** Which binary model format `bytes` start with, if any. */
function binaryFormat(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0x7b && UBJ_MARKERS.has(bytes[1])) return "UBJ models";
  if (new TextDecoder().decode(bytes.subarray(0, 4)) === "binf") {
    return "models in the deprecated binary format";
  }
  return undefined;
}
