import assert from "node:assert/strict";
import { FeaturesParams } from "../../../lib/features/params.ts";
import { findParamProblems } from "../../../lib/stage/param_schemas.ts";

Deno.test("features.text defaults to 200 terms in at least 2 training rows", () => {
  assert.deepEqual(FeaturesParams.parse({}), {
    text: { max_vocabulary: 200, min_document_frequency: 2 },
  });
});

Deno.test("features.text is checked strictly with the other params sections", () => {
  const problems = findParamProblems({
    features: { text: { max_vocabulary: 0, min_df: 2 } },
  });
  assert.deepEqual(problems.map((p) => [p.field, p.rule]), [
    ["features.text.max_vocabulary", "bad_param"],
    ["features.text.min_df", "unknown_param"],
  ]);
});
