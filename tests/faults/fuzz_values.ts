/**
 * fast-check arbitraries of field values for API fuzzing: values a contract column
 * accepts (from its own type, bounds, sentinels and levels) and hostile values of any
 * JSON type (wrong types, huge and tiny numbers, NaN/Infinity spellings, deep nesting,
 * huge strings, NUL and lone surrogates, prototype-pollution keys).
 */
import fc from "fast-check";
import type { ColumnContract } from "../../lib/contracts/mod.ts";

/** Keys that are not fields and that a careless object lookup would find on a prototype. */
export const PROTOTYPE_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
];

const INT32 = 2 ** 31;

/** A value `column` accepts. */
export function validValue(column: ColumnContract): fc.Arbitrary<unknown> {
  switch (column.type) {
    case "boolean":
      return fc.boolean();
    case "string":
    case "text":
      return fc.string({ maxLength: 30 });
    case "category":
      return column.levels === undefined || column.levels.length === 0
        ? fc.string({ maxLength: 30 })
        : fc.constantFrom(...column.levels);
    case "int": {
      const min = Math.max(column.min ?? -INT32, -INT32);
      const max = Math.min(column.max ?? INT32 - 1, INT32 - 1);
      const edges = [column.min, column.max, ...(column.sentinels ?? [])]
        .filter((v): v is number => v !== undefined && Number.isFinite(v));
      const inRange = fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
      return edges.length === 0 ? inRange : fc.oneof(
        { weight: 4, arbitrary: inRange },
        { weight: 1, arbitrary: fc.constantFrom(...edges) },
      );
    }
    case "float": {
      const range = fc.double({
        min: column.min ?? -Number.MAX_VALUE,
        max: column.max ?? Number.MAX_VALUE,
        noNaN: true,
        noDefaultInfinity: true,
      });
      const sentinels = column.sentinels ?? [];
      return sentinels.length === 0 ? range : fc.oneof(range, fc.constantFrom(...sentinels));
    }
  }
}

/** Deeply nested arrays or objects around a leaf, up to `maxDepth` levels. */
export function deepValue(maxDepth: number): fc.Arbitrary<unknown> {
  return fc.tuple(fc.integer({ min: 1, max: maxDepth }), fc.boolean()).map(([depth, asArray]) => {
    let value: unknown = 0;
    for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
    return value;
  });
}

/** An object whose own keys include prototype-pollution keys. */
export function pollutingObject(): fc.Arbitrary<Record<string, unknown>> {
  return fc.constantFrom(...PROTOTYPE_KEYS).map((key) =>
    JSON.parse(`{${JSON.stringify(key)}: {"polluted": true}, "x": 1}`)
  );
}

const SPELLINGS = [
  "NaN",
  "nan",
  "Infinity",
  "-Infinity",
  "inf",
  "1e999",
  "-1e999",
  "0x1F",
  "1,5",
  " 12 ",
  "",
  "null",
  "true",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff\ud800",
  "\u202e\u0301",
  "🙂",
  ...PROTOTYPE_KEYS,
];

/** A value of any JSON type, most of them wrong for any column. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(...SPELLINGS),
    fc.constantFrom(
      0,
      -0,
      -1,
      1e308,
      -1e308,
      Number.MAX_VALUE,
      5e-324,
      Number.MAX_SAFE_INTEGER + 2,
      -(2 ** 63),
      0.5,
      365243,
      true,
      false,
      null,
    ),
    fc.double(),
    fc.integer(),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.constantFrom("x".repeat(70_000), "\u0000".repeat(5_000), "🙂".repeat(20_000)),
    fc.constantFrom([], {}, [1, 2], [null], { nested: { deeper: [null] } }),
    deepValue(3_000),
    pollutingObject(),
    fc.jsonValue({ maxDepth: 3 }),
  );
}

/** A value for `column`: mostly one it accepts, sometimes null or a hostile one. */
export function fieldValue(column: ColumnContract): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: validValue(column) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 3, arbitrary: hostileValue() },
  );
}
