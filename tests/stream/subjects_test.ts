import assert from "node:assert/strict";
import { outcomeSubject, scoredSubject, subjectToken } from "../../lib/stream/subjects.ts";

Deno.test("endpoints and versions become one subject token each", () => {
  assert.equal(scoredSubject("/predict", "v0001"), "riskpipe.scored.predict.v0001");
  assert.equal(scoredSubject("/predict/batch", "v0002"), "riskpipe.scored.predict_batch.v0002");
  assert.equal(
    scoredSubject("/v2/models/riskpipe/infer", "v0001"),
    "riskpipe.scored.v2_models_riskpipe_infer.v0001",
  );
  assert.equal(outcomeSubject("v0003"), "riskpipe.outcome.v0003");
});

Deno.test("wildcards, dots and white space never reach a subject; an empty token is _", () => {
  assert.equal(subjectToken("a.b*c>d e\tf"), "a_b_c_d_e_f");
  assert.equal(subjectToken("..."), "_");
  assert.equal(subjectToken(""), "_");
  assert.equal(subjectToken("score"), "score");
});
