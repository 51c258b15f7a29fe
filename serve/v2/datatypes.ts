/**
 * The protocol's tensor datatypes (Open Inference Protocol, "Tensor Data Types") with what
 * a JSON element of each must be and each one's size in the binary data extension (Triton's
 * `binary_tensor_data`: little-endian, row-major, no padding; BOOL one byte; BYTES a 4-byte
 * length before each element).
 */

/** A datatype of the protocol. */
export type Datatype =
  | "BOOL"
  | "UINT8"
  | "UINT16"
  | "UINT32"
  | "UINT64"
  | "INT8"
  | "INT16"
  | "INT32"
  | "INT64"
  | "FP16"
  | "FP32"
  | "FP64"
  | "BYTES";

/** The JSON kind of a datatype's elements. */
export type ElementKind = "boolean" | "integer" | "float" | "bytes";

/** What the server knows of one datatype. */
export interface DatatypeInfo {
  kind: ElementKind;
  /** Bytes per element in binary data (0: BYTES, whose elements carry their length). */
  size: number;
  /** Range of an integer datatype's values. */
  min?: number;
  max?: number;
}

/** Every datatype of the protocol. */
export const DATATYPES: Readonly<Record<Datatype, DatatypeInfo>> = {
  BOOL: { kind: "boolean", size: 1 },
  UINT8: { kind: "integer", size: 1, min: 0, max: 2 ** 8 - 1 },
  UINT16: { kind: "integer", size: 2, min: 0, max: 2 ** 16 - 1 },
  UINT32: { kind: "integer", size: 4, min: 0, max: 2 ** 32 - 1 },
  UINT64: { kind: "integer", size: 8, min: 0, max: 2 ** 64 - 1 },
  INT8: { kind: "integer", size: 1, min: -(2 ** 7), max: 2 ** 7 - 1 },
  INT16: { kind: "integer", size: 2, min: -(2 ** 15), max: 2 ** 15 - 1 },
  INT32: { kind: "integer", size: 4, min: -(2 ** 31), max: 2 ** 31 - 1 },
  INT64: { kind: "integer", size: 8, min: -(2 ** 63), max: 2 ** 63 - 1 },
  FP16: { kind: "float", size: 2 },
  FP32: { kind: "float", size: 4 },
  FP64: { kind: "float", size: 8 },
  BYTES: { kind: "bytes", size: 0 },
};

/** Whether `name` is a datatype of the protocol (names are case-sensitive). */
export function isDatatype(name: unknown): name is Datatype {
  return typeof name === "string" && Object.hasOwn(DATATYPES, name);
}

/** The numeric datatypes, as the model metadata and error messages list them. */
export const NUMERIC_DATATYPES: readonly Datatype[] = (Object.keys(DATATYPES) as Datatype[])
  .filter((d) => DATATYPES[d].kind === "integer" || DATATYPES[d].kind === "float");
