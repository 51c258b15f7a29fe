/**
 * The request row in the OpenAPI document: its JSON Schema from the served contract
 * (types, ranges, sentinels, levels, nullability, required fields) and an example row
 * the server accepts. Written from the contract rather than from zod: the row's zod
 * schema checks values in refinements, which JSON Schema output cannot express. A csv
 * version's row is described as its training file holds it (csvRowJsonSchema).
 */
import type { ColumnContract, TableContract } from "../lib/contracts/mod.ts";
import type { CsvFormat } from "../lib/contracts/csv_contract_file.ts";

type Json = Record<string, unknown>;

/** JSON Schema of one request row of `contract`, leaving out `omit`. */
export function rowJsonSchema(contract: TableContract, omit: readonly string[]): Json {
  const columns = requestColumns(contract, omit);
  return {
    type: "object",
    additionalProperties: false,
    required: columns.filter((c) => !c.nullable).map((c) => c.name),
    properties: Object.fromEntries(columns.map((c) => [c.name, columnJsonSchema(c)])),
  };
}

/**
 * A row every rule of `contract` accepts, made from the rules alone (the lowest allowed
 * number, the first level): the example of a version registered without a stored row.
 */
export function contractExampleRow(
  contract: TableContract,
  omit: readonly string[],
): Record<string, unknown> {
  return Object.fromEntries(
    requestColumns(contract, omit).map((c) => [c.name, columnExample(c)]),
  );
}

function requestColumns(contract: TableContract, omit: readonly string[]): ColumnContract[] {
  const skip = new Set(omit);
  return contract.columns.filter((c) => !skip.has(c.name));
}

function columnExample(column: ColumnContract): unknown {
  switch (column.type) {
    case "int":
    case "float": {
      const low = column.min ?? Math.min(0, column.max ?? 0);
      return column.type === "int" ? Math.ceil(low) : low;
    }
    case "category":
      return column.levels?.[0] ?? "value";
    case "string":
    case "text":
      return "value";
    case "boolean":
      return false;
  }
}

function columnJsonSchema(column: ColumnContract): Json {
  const base: Json = {};
  switch (column.type) {
    case "int":
    case "float": {
      base.type = column.type === "int" ? "integer" : "number";
      if (column.min !== undefined) base.minimum = column.min;
      if (column.max !== undefined) base.maximum = column.max;
      break;
    }
    case "category":
      base.type = "string";
      if (column.levels !== undefined) base.enum = column.levels;
      break;
    case "string":
    case "text":
      base.type = "string";
      break;
    case "boolean":
      base.type = "boolean";
      break;
  }
  const schema: Json = column.sentinels && column.sentinels.length > 0
    ? { anyOf: [base, { enum: column.sentinels }] }
    : base;
  const described = column.description === undefined ? {} : { description: column.description };
  if (column.nullable) return { anyOf: [schema, { type: "null" }], ...described };
  return { ...schema, ...described };
}

const NUMBER_TEXT = "^\\s*[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?\\s*$";
const INTEGER_TEXT = "^\\s*[+-]?\\d+\\s*$";

/**
 * JSON Schema of one request row of a csv version: each field as its training file held
 * it (numbers as JSON or text, booleans as JSON or one of the recorded spellings, the
 * category levels listed, the missing markers), every field optional, the target left out.
 */
export function csvRowJsonSchema(
  contract: TableContract,
  omit: readonly string[],
  format: CsvFormat,
): Json {
  const columns = requestColumns(contract, [...omit, format.targetColumn]);
  const markers = format.missingMarkers.filter((m) => m.trim() !== "");
  const missingText = `missing: null, left out${
    format.missingMarkers.some((m) => m.trim() === "") ? `, ""` : ""
  }${markers.length > 0 ? ` or ${markers.join(", ")} (any case)` : ""}`;
  const missing: Json[] = [
    { type: "null" },
    ...(format.missingMarkers.length > 0 ? [{ enum: format.missingMarkers }] : []),
  ];
  const property = (column: ColumnContract): Json => {
    const [value, rule] = csvValueSchema(column, format);
    const id = column.name === format.idColumn ? "The row's id, echoed back as `id`. " : "";
    const description = `${id}${
      column.description ? `${column.description}. ` : ""
    }${rule}; ${missingText}`;
    return { anyOf: [...value, ...missing], description };
  };
  return {
    type: "object",
    additionalProperties: false,
    properties: Object.fromEntries(columns.map((c) => [c.name, property(c)])),
  };
}

function csvValueSchema(column: ColumnContract, format: CsvFormat): [Json[], string] {
  switch (column.type) {
    case "int":
    case "float": {
      const number: Json = { type: column.type === "int" ? "integer" : "number" };
      if (column.min !== undefined) number.minimum = column.min;
      if (column.max !== undefined) number.maximum = column.max;
      const pattern = column.type === "int" ? INTEGER_TEXT : NUMBER_TEXT;
      const noun = column.type === "int" ? "An integer" : "A number";
      return [[number, { type: "string", pattern }], `${noun}, as JSON or as text`];
    }
    case "boolean": {
      const words = [...format.trueValues, ...format.falseValues];
      return [
        [{ type: "boolean" }, { type: "string", enum: words }],
        `true or false, or one of ${format.trueValues.join(", ")} (true) and ${
          format.falseValues.join(", ")
        } (false), any case`,
      ];
    }
    case "category": {
      const levels = column.levels ?? [];
      const schema: Json = { type: "string", ...(levels.length > 0 ? { examples: levels } : {}) };
      return [
        [schema],
        levels.length > 0
          ? `One of the training levels ${levels.join(", ")}; another value is scored as missing`
          : "Text",
      ];
    }
    case "string":
    case "text":
      return [[{ type: "string" }], "Text"];
  }
}
