import assert from "node:assert/strict";
import { homeCreditContract, rowSchema, validateRow } from "../../lib/contracts/mod.ts";
import { createRng } from "../../lib/random/mod.ts";
import { compileFastCheck } from "../../lib/scoring/mod.ts";
import { servingFixture } from "./serving_fixture.ts";
import { mutateRow } from "./mutate.ts";

const contract = homeCreditContract("application_train", { source: "synthetic" });
const schema = rowSchema(contract, { omit: ["TARGET"] });
const fast = compileFastCheck(contract, ["TARGET"]);

Deno.test("the fast check accepts valid application rows", async () => {
  const { testRows } = await servingFixture();
  assert.deepEqual(testRows.filter((row) => !fast(row)), []);
});

Deno.test("the fast check never accepts a row the contract's zod schema rejects", async () => {
  const { testRows } = await servingFixture();
  const rng = createRng(99);
  let rejected = 0;
  for (let i = 0; i < 5000; i++) {
    const row = mutateRow(rng, testRows[rng.int(0, testRows.length - 1)]);
    const zodOk = validateRow(schema, row).success;
    if (fast(row)) assert.ok(zodOk, JSON.stringify(row).slice(0, 200));
    if (!zodOk) rejected++;
  }
  assert.ok(rejected > 1000);
});

Deno.test("sentinels pass outside the range and other out-of-range values do not", () => {
  const row = { SK_ID_CURR: 1, DAYS_EMPLOYED: 365243 };
  const check = compileFastCheck(
    {
      formatVersion: 1,
      table: "t",
      key: [],
      columns: [
        { name: "SK_ID_CURR", type: "int", nullable: false, min: 0 },
        { name: "DAYS_EMPLOYED", type: "int", nullable: true, max: 0, sentinels: [365243] },
      ],
    },
    [],
  );
  assert.equal(check(row), true);
  assert.equal(check({ ...row, DAYS_EMPLOYED: 5 }), false);
  assert.equal(check({ SK_ID_CURR: 1 }), true);
  assert.equal(check({ DAYS_EMPLOYED: null }), false);
  assert.equal(check(JSON.parse('{"SK_ID_CURR": 1, "__proto__": {}}')), false);
});

Deno.test("field names are literals in the generated check, whatever characters they hold", () => {
  const odd = `a"b\\c'd\n\${x}\u2028`;
  const check = compileFastCheck(
    {
      formatVersion: 1,
      table: "t",
      key: [],
      columns: [
        { name: odd, type: "float", nullable: false, min: 0 },
        { name: "kind", type: "category", nullable: true, levels: ["x", odd] },
      ],
    },
    [],
  );
  assert.equal(check({ [odd]: 1.5, kind: odd }), true);
  assert.equal(check({ [odd]: -1 }), false);
  assert.equal(check({ [odd]: 1, kind: "y" }), false);
  assert.equal(check({ [odd]: 1, other: 2 }), false);
  assert.equal(check({ kind: "x" }), false);
});
