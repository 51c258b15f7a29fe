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
 * ```ts
 * import { importXgboostBytes } from "./bytes.ts";
 * // A one-stump XGBoost 1.7 model on "b": b < 0.5 → -0.4, else 0.6.
 * const tree = {
 *   left_children: [1, -1, -1],
 *   right_children: [2, -1, -1],
 *   split_indices: [1, 0, 0],
 *   split_conditions: [0.5, -0.4, 0.6],
 *   default_left: [1, 0, 0],
 *   sum_hessian: [10, 4, 6],
 *   loss_changes: [3, 0, 0],
 *   split_type: [0, 0, 0],
 *   categories: [],
 *   categories_nodes: [],
 *   categories_segments: [],
 *   categories_sizes: [],
 * };
 * const json = {
 *   version: [1, 7, 4],
 *   learner: {
 *     feature_names: ["a", "b"],
 *     feature_types: ["float", "float"],
 *     learner_model_param: { base_score: "5E-1", num_class: "0", num_feature: "2", num_target: "1" },
 *     objective: { name: "binary:logistic" },
 *     gradient_booster: { name: "gbtree", model: { trees: [tree] } },
 *   },
 * };
 * const bytes = new TextEncoder().encode(JSON.stringify(json)); // e.g. Deno.readFile("model.json")
 * const model = importXgboostBytes(bytes);
 * if (model.features.length !== 2) throw new Error("expected features a and b");
 * ```
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
