/**
 * The tensors a served version takes and gives over the V2 protocol. Inputs: one tensor
 * per request field of the served contract (shape [n] or [n, 1]; its datatype from the
 * field's type), or instead one FP32 `features` tensor [n, n_features] of model features in
 * the manifest's order. Outputs: `probability` (FP64), `tier` and `version` (BYTES), [n] each.
 */
import type { ColumnType } from "../../lib/contracts/mod.ts";
import type { ServingModel } from "../../lib/scoring/model.ts";
import { type Datatype, NUMERIC_DATATYPES } from "./datatypes.ts";

/** The name of the one-tensor alternative: the model's feature vectors. */
export const FEATURES_INPUT = "features";

/** The outputs every inference can return, in response order. */
export const OUTPUT_NAMES = ["probability", "tier", "version"] as const;

/** An output's name. */
export type OutputName = typeof OUTPUT_NAMES[number];

/** A `$metadata_tensor`: name, datatype and shape (-1 for a variable dimension). */
export interface MetadataTensor {
  name: string;
  datatype: Datatype;
  shape: number[];
}

/** One request field as an input tensor. */
export interface FieldInput extends MetadataTensor {
  /** The datatypes the field's tensor may be sent in. */
  accepts: readonly Datatype[];
  /** Whether a row must give the field (a tensor for it is then required). */
  required: boolean;
}

/** A version's V2 inputs and outputs. */
export interface ModelTensors {
  fields: FieldInput[];
  byName: ReadonlyMap<string, FieldInput>;
  /** The one-tensor alternative: [-1, n_features] FP32. */
  features: MetadataTensor;
  outputs: MetadataTensor[];
}

/** The datatype of a request field by its contract type. */
export const DATATYPE_OF: Readonly<Record<ColumnType, Datatype>> = {
  int: "INT64",
  float: "FP64",
  boolean: "BOOL",
  string: "BYTES",
  category: "BYTES",
  text: "BYTES",
};

const OUTPUTS: MetadataTensor[] = [
  { name: "probability", datatype: "FP64", shape: [-1] },
  { name: "tier", datatype: "BYTES", shape: [-1] },
  { name: "version", datatype: "BYTES", shape: [-1] },
];

const cache = new WeakMap<ServingModel, ModelTensors>();

/**
 * The tensors of `model` (computed once per loaded version).
 * @example
 * const { fields, features } = modelTensors(model);
 * fields[0]; // { name: "SK_ID_CURR", datatype: "INT64", shape: [-1], … }
 */
export function modelTensors(model: ServingModel): ModelTensors {
  let tensors = cache.get(model);
  if (tensors === undefined) {
    tensors = buildTensors(model);
    cache.set(model, tensors);
  }
  return tensors;
}

function buildTensors(model: ServingModel): ModelTensors {
  const { contract, omit, csv } = model.info;
  const skip = new Set([...omit, ...(csv === undefined ? [] : [csv.targetColumn])]);
  // A csv version reads every field as its file spelled it, so text fits any field.
  const readsText = model.read !== undefined;
  const fields = contract.columns.filter((c) => !skip.has(c.name)).map((column): FieldInput => {
    const datatype = DATATYPE_OF[column.type];
    const natural: readonly Datatype[] = datatype === "INT64" || datatype === "FP64"
      ? NUMERIC_DATATYPES
      : [datatype];
    const accepts = readsText && !natural.includes("BYTES") ? [...natural, "BYTES"] : natural;
    return {
      name: column.name,
      datatype,
      shape: [-1],
      accepts: accepts as Datatype[],
      required: !column.nullable && !readsText,
    };
  });
  return {
    fields,
    byName: new Map(fields.map((f) => [f.name, f])),
    features: {
      name: FEATURES_INPUT,
      datatype: "FP32",
      shape: [-1, model.manifest.features.length],
    },
    outputs: OUTPUTS,
  };
}
