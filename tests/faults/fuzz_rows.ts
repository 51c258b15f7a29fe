/**
 * fast-check arbitraries of request rows and batches for API fuzzing: rows built from the
 * served contract (or taken from real applicants) with fields deleted, added or set to
 * hostile values, and batches of every size around the limit or of the wrong shape.
 */
import fc from "fast-check";
import type { ColumnContract } from "../../lib/contracts/mod.ts";
import type { FuzzSpace } from "./fuzz_requests.ts";
import { fieldValue, hostileValue, PROTOTYPE_KEYS, validValue } from "./fuzz_values.ts";

/** A row valid by construction from the contract: every required field, some optional ones. */
function contractRow(columns: ColumnContract[]): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const column of columns) {
    model[column.name] = column.nullable
      ? fc.option(validValue(column), { nil: null, freq: 3 })
      : validValue(column);
  }
  const requiredKeys = columns.filter((c) => !c.nullable).map((c) => c.name);
  return fc.record(model, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
}

/** A row: a real one or one from the contract, then up to five fields deleted, set or added. */
export function rowArbitrary(space: FuzzSpace): fc.Arbitrary<unknown> {
  const names = space.columns.map((c) => c.name);
  const byName = new Map(space.columns.map((c) => [c.name, c]));
  const base = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...space.rows) },
    { weight: 1, arbitrary: contractRow(space.columns) },
  );
  const key = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...names) },
    { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom(...names).map((n) => n.toLowerCase() + " ") },
  );
  const edit = key.chain((k) => {
    const column = byName.get(k);
    const value = column === undefined ? hostileValue() : fieldValue(column);
    return fc.record({ key: fc.constant(k), value: fc.option(value, { nil: undefined }) });
  });
  return fc.tuple(base, fc.array(edit, { maxLength: 5 }), fc.nat({ max: 9 })).map(
    ([row, edits, coin]) => {
      if (coin === 0) return edits[0]?.value ?? row; // sometimes the body is not a row at all
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) define(out, k, v);
      for (const { key, value } of edits) {
        if (value === undefined) delete out[key];
        else define(out, key, value);
      }
      return out;
    },
  );
}

/** Sets an own enumerable property, even `__proto__`, as JSON.parse would. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** A batch body: `{ rows, explain? }` of every size around the limit, or a wrong shape. */
export function batchArbitrary(space: FuzzSpace): fc.Arbitrary<unknown> {
  const row = rowArbitrary(space);
  const rows = fc.oneof(
    { weight: 6, arbitrary: fc.array(row, { minLength: 1, maxLength: 4 }) },
    { weight: 1, arbitrary: fc.constant([]) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: space.maxBatchRows - 1, max: space.maxBatchRows + 2 })
        .chain((n) => fc.array(row, { minLength: n, maxLength: n })),
    },
    { weight: 1, arbitrary: hostileValue() },
  );
  const explain = fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: hostileValue() },
  );
  const extra = fc.option(
    fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS, "row", "Rows"), hostileValue()),
    {
      nil: undefined,
      freq: 6,
    },
  );
  return fc.tuple(rows, explain, extra, fc.nat({ max: 19 })).map(([rows, explain, extra, coin]) => {
    if (coin === 0) return rows; // the bare array of rows
    if (coin === 1) return explain ?? null;
    const body: Record<string, unknown> = { rows };
    if (explain !== undefined) body.explain = explain;
    if (extra !== undefined) define(body, extra[0], extra[1]);
    return body;
  });
}
