/**
 * Turns decoded input tensors into what a version scores: rows of request fields (one
 * tensor per field, validated by the same rules and messages as /predict), or a matrix of
 * model features (the one `features` tensor, straight from its typed array).
 */
import type { RowIssue } from "../../lib/contracts/mod.ts";
import { checkRequestRow } from "../../lib/scoring/request.ts";
import type { ServingModel } from "../../lib/scoring/model.ts";
import { V2Error } from "./errors.ts";
import type { InputTensor } from "./infer_request.ts";
import { FEATURES_INPUT, modelTensors } from "./model_tensors.ts";
import { elementAt } from "./tensor_data.ts";

/** Validated request rows, with the fields whose category level is unseen per row. */
export interface RowsInput {
  kind: "rows";
  rows: Record<string, unknown>[];
  unseen: (readonly string[])[];
}

/** Feature vectors, row-major (NaN = missing). */
export interface FeaturesInput {
  kind: "features";
  values: Float32Array | Float64Array;
  rows: number;
}

/** What an inference request scores. */
export type ModelInput = RowsInput | FeaturesInput;

/** Most issues an error line lists before saying how many more there are. */
const LISTED_ISSUES = 10;

/**
 * The rows or feature matrix of `inputs` for `model`; throws a {@link V2Error} naming the
 * tensor (or field and row) and the rule. At most `maxRows` rows (413 past it).
 * @example
 * const input = modelInput(model, request.inputs, 1000);
 * if (input.kind === "rows") input.rows[0].AMT_CREDIT;
 */
export function modelInput(
  model: ServingModel,
  inputs: readonly InputTensor[],
  maxRows: number,
): ModelInput {
  const features = inputs.find((t) => t.name === FEATURES_INPUT);
  if (features !== undefined && !modelTensors(model).byName.has(FEATURES_INPUT)) {
    if (inputs.length > 1) {
      throw new V2Error(
        `Input "${FEATURES_INPUT}" replaces the field inputs: send it alone (rule inputs)`,
      );
    }
    return featuresInput(model, features, maxRows);
  }
  return rowsInput(model, inputs, maxRows);
}

function featuresInput(model: ServingModel, tensor: InputTensor, maxRows: number): FeaturesInput {
  const width = model.manifest.features.length;
  const { shape, datatype, values } = tensor;
  if (datatype !== "FP32" && datatype !== "FP64") {
    throw new V2Error(
      `Input "${FEATURES_INPUT}": datatype ${datatype} does not fit; send FP32 (or FP64) (rule datatype)`,
    );
  }
  if (shape.length !== 2 || shape[1] !== width) {
    throw new V2Error(
      `Input "${FEATURES_INPUT}": shape [${shape.join(", ")}] must be [n, ${width}] ` +
        `(${width} features in the manifest's order, see the model metadata) (rule shape)`,
    );
  }
  const rows = shape[0];
  checkRowCount(FEATURES_INPUT, rows, maxRows);
  if (values instanceof Float32Array || values instanceof Float64Array) {
    return { kind: "features", values, rows };
  }
  // JSON data: numbers (or null for missing) already checked against the datatype.
  const matrix = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    matrix[i] = typeof v === "number" ? v : NaN;
  }
  return { kind: "features", values: matrix, rows };
}

function rowsInput(
  model: ServingModel,
  inputs: readonly InputTensor[],
  maxRows: number,
): RowsInput {
  const { fields, byName } = modelTensors(model);
  let rows: number | undefined;
  for (const tensor of inputs) {
    const field = byName.get(tensor.name);
    if (field === undefined) {
      throw new V2Error(
        `Input "${tensor.name}" is not an input of the model: send one tensor per request ` +
          `field or one "${FEATURES_INPUT}" tensor (see the model metadata) (rule unknown_input)`,
      );
    }
    if (!field.accepts.includes(tensor.datatype)) {
      throw new V2Error(
        `Input "${tensor.name}": datatype ${tensor.datatype} does not fit the field; ` +
          `send ${field.accepts.join(", ")} (rule datatype)`,
      );
    }
    const { shape } = tensor;
    if (!(shape.length === 1 || (shape.length === 2 && shape[1] === 1))) {
      throw new V2Error(
        `Input "${tensor.name}": shape [${shape.join(", ")}] must be [n] or [n, 1] (rule shape)`,
      );
    }
    if (rows !== undefined && shape[0] !== rows) {
      throw new V2Error(
        `Input "${tensor.name}": shape [${shape.join(", ")}] gives ${shape[0]} rows but ` +
          `input "${inputs[0].name}" gives ${rows} (rule shape)`,
      );
    }
    rows = shape[0];
  }
  checkRowCount(inputs[0].name, rows!, maxRows);
  const given = new Set(inputs.map((t) => t.name));
  const missing = fields.filter((f) => f.required && !given.has(f.name)).map((f) => f.name);
  if (missing.length > 0) {
    const names = missing.map((n) => `"${n}"`).join(", ");
    throw new V2Error(
      `Missing input${
        missing.length > 1 ? "s" : ""
      } ${names}: the field is required (rule required)`,
    );
  }
  const accepted: Record<string, unknown>[] = [];
  const unseen: (readonly string[])[] = [];
  const issues: RowIssue[] = [];
  for (let i = 0; i < rows!; i++) {
    const row: Record<string, unknown> = {};
    for (const t of inputs) row[t.name] = elementAt(t.values, t.datatype, i);
    const result = checkRequestRow(model, row);
    if (result.success) {
      accepted.push(result.data);
      unseen.push(result.unseen);
    } else {
      for (const issue of result.issues) {
        issues.push({ ...issue, message: `row ${i}: ${issue.message}` });
      }
    }
  }
  if (issues.length > 0) throw contractError(issues);
  return { kind: "rows", rows: accepted, unseen };
}

function checkRowCount(name: string, rows: number, maxRows: number): void {
  if (rows === 0) throw new V2Error(`Input "${name}": the batch holds no rows (rule min)`);
  if (rows > maxRows) {
    throw new V2Error(
      `Input "${name}": ${rows} rows, at most ${maxRows} a request (rule max)`,
      413,
    );
  }
}

function contractError(issues: RowIssue[]): V2Error {
  const listed = issues.slice(0, LISTED_ISSUES).map((issue) =>
    `input "${issue.field}", ${issue.message} (rule ${issue.rule})`
  );
  const more = issues.length > LISTED_ISSUES ? `; and ${issues.length - LISTED_ISSUES} more` : "";
  const noun = issues.length === 1 ? "value breaks" : "values break";
  return new V2Error(
    `Invalid inputs: ${issues.length} ${noun} the contract: ${listed.join("; ")}${more}`,
  );
}
