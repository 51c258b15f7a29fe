/**
 * A tensor's contents, decoded: JSON `data` (row-major, flat or nested as the protocol
 * allows) checked element by element against the datatype, or binary data (the binary
 * tensor data extension) viewed as a typed array with no per-element JS objects. JSON
 * `null` and a float's NaN stand for a missing value.
 */
import { type Datatype, DATATYPES } from "./datatypes.ts";
import { V2Error } from "./errors.ts";

/** A binary tensor's numbers, viewed in place (or copied once when unaligned). */
export type TypedValues =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

/** Decoded elements: checked JSON values, binary numbers (BOOL as 0/1 bytes), or BYTES text. */
export type TensorValues = readonly unknown[] | TypedValues;

/** Deepest nesting of JSON `data` the server reads (a tensor of rank 32 is already absurd). */
const MAX_DEPTH = 32;

/**
 * The JSON `data` of tensor `name` flattened in row-major order, each element checked
 * against `datatype`; throws a {@link V2Error} naming the tensor, the element and the rule.
 * @example
 * ```ts
 * import { jsonTensorValues } from "./tensor_data.ts";
 * const values = jsonTensorValues("AMT_CREDIT", "FP64", [[1.5], [2]], 2);
 * if (values.length !== 2 || values[1] !== 2) throw new Error("expected [1.5, 2]");
 * ```
 */
export function jsonTensorValues(
  name: string,
  datatype: Datatype,
  data: unknown,
  count: number,
): unknown[] {
  if (!Array.isArray(data)) {
    throw new V2Error(`Input "${name}": "data" must be an array (rule data)`);
  }
  const flat = data.some(Array.isArray) ? flatten(name, data) : data;
  if (flat.length !== count) {
    throw new V2Error(
      `Input "${name}": shape holds ${count} elements but "data" has ${flat.length} (rule shape)`,
    );
  }
  const check = elementCheck(datatype);
  for (let i = 0; i < flat.length; i++) {
    const value = flat[i];
    if (value !== null && !check(value)) {
      throw new V2Error(
        `Input "${name}": element ${i} is ${show(value)}, not ${
          describe(datatype)
        } (rule datatype)`,
      );
    }
  }
  return flat;
}

function flatten(name: string, data: unknown[]): unknown[] {
  const out: unknown[] = [];
  const visit = (value: unknown, depth: number) => {
    if (!Array.isArray(value)) return void out.push(value);
    if (depth > MAX_DEPTH) {
      throw new V2Error(`Input "${name}": "data" nests deeper than ${MAX_DEPTH} (rule data)`);
    }
    for (const item of value) visit(item, depth + 1);
  };
  visit(data, 0);
  return out;
}

function elementCheck(datatype: Datatype): (value: unknown) => boolean {
  const info = DATATYPES[datatype];
  switch (info.kind) {
    case "boolean":
      return (v) => typeof v === "boolean";
    case "bytes":
      return (v) => typeof v === "string";
    case "float":
      return (v) => typeof v === "number";
    case "integer":
      return (v) =>
        typeof v === "number" && Number.isInteger(v) && v >= info.min! && v <= info.max!;
  }
}

function describe(datatype: Datatype): string {
  const info = DATATYPES[datatype];
  switch (info.kind) {
    case "boolean":
      return "true or false as datatype BOOL takes";
    case "bytes":
      return "a string as datatype BYTES takes";
    case "float":
      return `a number as datatype ${datatype} takes`;
    case "integer":
      return `an integer from ${info.min} to ${info.max} as datatype ${datatype} takes`;
  }
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

type TypedConstructor = {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): TypedValues;
};

const CONSTRUCTORS: Partial<Record<Datatype, TypedConstructor>> = {
  BOOL: Uint8Array,
  UINT8: Uint8Array,
  UINT16: Uint16Array,
  UINT32: Uint32Array,
  UINT64: BigUint64Array,
  INT8: Int8Array,
  INT16: Int16Array,
  INT32: Int32Array,
  INT64: BigInt64Array,
  FP32: Float32Array,
  FP64: Float64Array,
};

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The binary data of tensor `name` (its `binary_data_size` bytes): a typed-array view for a
 * numeric or BOOL datatype, the strings of a BYTES one; throws a {@link V2Error} when the
 * size does not fit the shape.
 * @example
 * ```ts
 * import { binaryTensorValues } from "./tensor_data.ts";
 * const bytes = new Uint8Array(new Float32Array([0.5, 2]).buffer);
 * const values = binaryTensorValues("features", "FP32", bytes, 2);
 * if (!(values instanceof Float32Array) || values[1] !== 2) throw new Error("expected a view");
 * ```
 */
export function binaryTensorValues(
  name: string,
  datatype: Datatype,
  bytes: Uint8Array,
  count: number,
): TensorValues {
  if (datatype === "BYTES") return binaryStrings(name, bytes, count);
  const Constructor = CONSTRUCTORS[datatype];
  if (Constructor === undefined) {
    throw new V2Error(
      `Input "${name}": datatype ${datatype} is not read as binary data; send FP32 (rule datatype)`,
    );
  }
  const size = DATATYPES[datatype].size;
  if (bytes.byteLength !== count * size) {
    throw new V2Error(
      `Input "${name}": binary_data_size is ${bytes.byteLength} bytes but shape holds ${count} ` +
        `${datatype} elements (${count * size} bytes) (rule binary_data_size)`,
    );
  }
  const values = typedView(Constructor, bytes, size, count);
  if (datatype === "BOOL") {
    const at = (values as Uint8Array).findIndex((b) => b > 1);
    if (at >= 0) {
      throw new V2Error(
        `Input "${name}": byte ${at} is ${values[at]}; BOOL takes 0 or 1 (rule datatype)`,
      );
    }
  }
  return values;
}

function typedView(
  Constructor: TypedConstructor,
  bytes: Uint8Array,
  size: number,
  count: number,
): TypedValues {
  // A view needs an offset that is a multiple of the element size; the JSON header
  // before the binary data has any length, so an unaligned tensor is copied once.
  const aligned = bytes.byteOffset % size === 0 ? bytes : bytes.slice();
  if (!LITTLE_ENDIAN && size > 1) {
    const swapped = aligned === bytes ? bytes.slice() : aligned;
    for (let at = 0; at < swapped.length; at += size) swapped.subarray(at, at + size).reverse();
    return new Constructor(swapped.buffer, swapped.byteOffset, count);
  }
  return new Constructor(aligned.buffer, aligned.byteOffset, count);
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

function binaryStrings(name: string, bytes: Uint8Array, count: number): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: string[] = [];
  let at = 0;
  while (at < bytes.byteLength) {
    if (at + 4 > bytes.byteLength) {
      throw new V2Error(
        `Input "${name}": BYTES element ${out.length} has a cut length prefix (rule binary_data_size)`,
      );
    }
    const length = view.getUint32(at, true);
    at += 4;
    if (at + length > bytes.byteLength) {
      throw new V2Error(
        `Input "${name}": BYTES element ${out.length} declares ${length} bytes but ` +
          `${bytes.byteLength - at} are left (rule binary_data_size)`,
      );
    }
    try {
      out.push(UTF8.decode(bytes.subarray(at, at + length)));
    } catch {
      throw new V2Error(
        `Input "${name}": BYTES element ${out.length} is not UTF-8 (rule datatype)`,
      );
    }
    at += length;
  }
  if (out.length !== count) {
    throw new V2Error(
      `Input "${name}": shape holds ${count} elements but the binary data has ${out.length} (rule shape)`,
    );
  }
  return out;
}

/**
 * Element `i` as a row value: a number, boolean or string; null when missing (JSON null,
 * a float's NaN). A 64-bit integer becomes the nearest number.
 */
export function elementAt(values: TensorValues, datatype: Datatype, i: number): unknown {
  const value = values[i];
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number") {
    if (Number.isNaN(value)) return null;
    return datatype === "BOOL" && !Array.isArray(values) ? value === 1 : value;
  }
  return value ?? null;
}
