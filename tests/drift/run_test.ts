import assert from "node:assert/strict";
import { loggedScoresComparable } from "../../lib/drift/mod.ts";

const scores = Float64Array.of(0.1, 0.2);

Deno.test("logged scores are compared only when the production version gave every one", () => {
  assert.equal(loggedScoresComparable({ scores, modelVersions: ["v0003"] }, "v0003"), true);
  // another version, or a mix across a promotion: the window is scored again
  assert.equal(loggedScoresComparable({ scores, modelVersions: ["v0002"] }, "v0003"), false);
  assert.equal(
    loggedScoresComparable({ scores, modelVersions: ["v0002", "v0003"] }, "v0003"),
    false,
  );
  // nothing in production, no scores, or a plain file without versions
  assert.equal(loggedScoresComparable({ scores, modelVersions: ["v0003"] }, undefined), false);
  assert.equal(loggedScoresComparable({ modelVersions: ["v0003"] }, "v0003"), false);
  assert.equal(loggedScoresComparable({ scores, modelVersions: [] }, "v0003"), false);
});
