/**
 * The request row in the OpenAPI document: its JSON Schema from the served contract
 * (types, ranges, sentinels, levels, nullability, required fields) and an example row
 * the server accepts. Written from the contract rather than from zod: the row's zod
 * schema checks values in refinements, which JSON Schema output cannot express.
 */
import type { ColumnContract, TableContract } from "../contracts/mod.ts";

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
