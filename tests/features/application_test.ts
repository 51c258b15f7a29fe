import assert from "node:assert/strict";
import { openDuckDb, queryRows } from "../../lib/duckdb/mod.ts";
import { tableSchema } from "../../lib/contracts/home_credit_schema.ts";
import {
  APPLICATION_FEATURES,
  applicationFeaturesSql,
  computeApplicationFeatures,
} from "../../lib/features/application.ts";
import { createRng } from "../../lib/random/mod.ts";
import { type Cell, createFixtureTable } from "./fixture.ts";

const columns = tableSchema("application_train").columns;

function randomRow(seed: number, id: number): Record<string, Cell> {
  const rng = createRng(seed);
  const row: Record<string, Cell> = { SK_ID_CURR: id, TARGET: rng.int(0, 1) };
  for (const c of columns) {
    if (c.name === "SK_ID_CURR" || c.name === "TARGET") continue;
    const roll = rng.float();
    if (roll < 0.15 && c.dtype !== "int64") row[c.name] = null;
    else if (c.dtype === "object") {
      const levels = c.levels ?? [];
      row[c.name] = roll < 0.2 ? "no such level" : levels[rng.int(0, levels.length - 1)];
    } else if (roll < 0.25) row[c.name] = 0;
    else if (c.dtype === "int64") {
      row[c.name] = rng.int(c.min ?? -5000, Math.min(c.max ?? 5000, 1e6));
    } else row[c.name] = (rng.float() - 0.3) * 1000;
  }
  return row;
}

const edgeRows: Record<string, Cell>[] = [
  { SK_ID_CURR: 1, TARGET: 0 },
  {
    SK_ID_CURR: 2,
    TARGET: 1,
    AMT_CREDIT: 100,
    AMT_INCOME_TOTAL: 0,
    AMT_ANNUITY: 0,
    DAYS_EMPLOYED: 365243,
    DAYS_BIRTH: 0,
    EXT_SOURCE_1: NaN,
    EXT_SOURCE_2: Infinity,
    EXT_SOURCE_3: 0.5,
    CODE_GENDER: "XNA",
  },
  {
    SK_ID_CURR: 3,
    TARGET: 0,
    AMT_CREDIT: 1e308,
    AMT_INCOME_TOTAL: 1e-308,
    DAYS_EMPLOYED: -1000,
    DAYS_BIRTH: -20000,
    EXT_SOURCE_1: -Infinity,
    CNT_FAM_MEMBERS: 0,
  },
  ...Array.from({ length: 40 }, (_, i) => randomRow(1000 + i, 100 + i)),
];

function jsValues(row: Record<string, Cell>): Record<string, number | null> {
  return computeApplicationFeatures(row);
}

Deno.test("application features agree between SQL and JavaScript to 1e-12", async () => {
  const conn = await openDuckDb({ threads: 1 });
  await createFixtureTable(conn, "application_train", edgeRows);
  const sqlRows = await queryRows(
    conn,
    `SELECT SK_ID_CURR, ${
      applicationFeaturesSql("a")
    } FROM application_train a ORDER BY SK_ID_CURR`,
  );
  conn.closeSync();
  assert.equal(sqlRows.length, edgeRows.length);
  const byId = new Map(edgeRows.map((row) => [row.SK_ID_CURR, row]));
  let compared = 0;
  for (const sqlRow of sqlRows) {
    const expected = jsValues(byId.get(sqlRow.SK_ID_CURR as number)!);
    for (const feature of APPLICATION_FEATURES) {
      const a = sqlRow[feature.name] as number | null;
      const b = expected[feature.name];
      const where = `${feature.name} of row ${sqlRow.SK_ID_CURR}: SQL ${a}, JS ${b}`;
      if (a === null || b === null) assert.equal(a, b, where);
      else assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), where);
      compared++;
    }
  }
  assert.equal(compared, edgeRows.length * APPLICATION_FEATURES.length);
});

Deno.test("division by zero, the sentinel and non-finite inputs give null", () => {
  const values = jsValues(edgeRows[1]);
  assert.equal(values.CREDIT_INCOME_RATIO, null);
  assert.equal(values.CREDIT_TERM_YEARS, null);
  assert.equal(values.DAYS_EMPLOYED, null);
  assert.equal(values.DAYS_EMPLOYED_PLACEHOLDER, 1);
  assert.equal(values.DAYS_EMPLOYED_SHARE, null);
  assert.equal(values.EXT_SOURCES_MEAN, 0.5);
  assert.equal(values.EXT_SOURCES_MISSING_COUNT, 2);
  assert.equal(values.EXT_SOURCES_PRODUCT, null);
});

Deno.test("an overflowing ratio is stored as null rather than infinity", () => {
  const values = jsValues(edgeRows[2]);
  assert.equal(values.CREDIT_INCOME_RATIO, null);
  assert.equal(values.INCOME_PER_PERSON, null);
  assert.equal(values.DAYS_EMPLOYED_SHARE, 0.05);
  assert.equal(values.DAYS_EMPLOYED_PLACEHOLDER, 0);
});

Deno.test("ratios and external score combinations match hand-computed values", () => {
  const values = computeApplicationFeatures({
    AMT_CREDIT: 300000,
    AMT_INCOME_TOTAL: 150000,
    AMT_ANNUITY: 15000,
    AMT_GOODS_PRICE: 250000,
    CNT_FAM_MEMBERS: 3,
    DAYS_BIRTH: -14610,
    EXT_SOURCE_1: 0.25,
    EXT_SOURCE_2: null,
    EXT_SOURCE_3: 0.75,
  });
  assert.equal(values.CREDIT_INCOME_RATIO, 2);
  assert.equal(values.PAYMENT_RATE, 0.05);
  assert.equal(values.CREDIT_GOODS_RATIO, 1.2);
  assert.equal(values.INCOME_PER_PERSON, 50000);
  assert.equal(values.AGE_YEARS, 40);
  assert.equal(values.EXT_SOURCES_MEAN, 0.5);
  assert.equal(values.EXT_SOURCES_MIN, 0.25);
  assert.equal(values.EXT_SOURCES_MAX, 0.75);
  assert.equal(values.EXT_SOURCES_WEIGHTED, null);
  assert.equal(values.EXT_SOURCES_MISSING_COUNT, 1);
});

Deno.test("a categorical column is coded by its sorted level, unknown levels as null", () => {
  const gender = APPLICATION_FEATURES.find((f) => f.name === "CODE_GENDER")!;
  assert.deepEqual(gender.levels, ["F", "M", "XNA"]);
  const codes = [
    computeApplicationFeatures({ CODE_GENDER: "M" }).CODE_GENDER,
    computeApplicationFeatures({ CODE_GENDER: "Q" }).CODE_GENDER,
    computeApplicationFeatures({}).CODE_GENDER,
  ];
  assert.deepEqual(codes, [1, null, null]);
});

Deno.test("a text value in a numeric column is refused with the column's name", () => {
  assert.throws(
    () => computeApplicationFeatures({ AMT_CREDIT: "12" }),
    {
      name: "TypeError",
      message: 'Cannot read column "AMT_CREDIT" as a number: it holds string "12"',
    },
  );
});
