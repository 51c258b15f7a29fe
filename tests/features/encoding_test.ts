import assert from "node:assert/strict";
import { decodeLevel, encodeLevel, sortLevels } from "../../lib/features/encoding.ts";
import { APPLICATION_FEATURES } from "../../lib/features/application.ts";

Deno.test("levels sort by code unit without locale and drop duplicates", () => {
  assert.deepEqual(sortLevels(["b", "B", "a", "b", "Ä", "10", "9"]), [
    "10",
    "9",
    "B",
    "a",
    "b",
    "Ä",
  ]);
});

Deno.test("every level of every application categorical survives encode then decode", () => {
  let checked = 0;
  for (const feature of APPLICATION_FEATURES.filter((f) => f.type === "categorical")) {
    const levels = feature.levels!;
    assert.deepEqual(levels, sortLevels(levels), feature.name);
    levels.forEach((level, code) => {
      assert.equal(encodeLevel(level, levels), code);
      assert.equal(decodeLevel(code, levels), level);
    });
    checked += levels.length;
  }
  assert.equal(checked, 146); // 140 raw levels and age_band's 6
});

Deno.test("missing and unknown values encode to null and bad codes decode to null", () => {
  const levels = ["N", "Y"];
  assert.deepEqual([
    encodeLevel(null, levels),
    encodeLevel(undefined, levels),
    encodeLevel("y", levels),
  ], [null, null, null]);
  assert.deepEqual([decodeLevel(2, levels), decodeLevel(0.5, levels), decodeLevel(null, levels)], [
    null,
    null,
    null,
  ]);
});
