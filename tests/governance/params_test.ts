import assert from "node:assert/strict";
import { excludedAttributes, GovernanceParams } from "../../lib/governance/params.ts";
import { findParamProblems } from "../../lib/stage/param_schemas.ts";

Deno.test("governance defaults: nothing protected, protected ones excluded from training", () => {
  const params = GovernanceParams.parse({});
  assert.deepEqual(params, { protected: [], exclude_from_training: true, min_group_rows: 30 });
  const named = GovernanceParams.parse({ protected: ["CODE_GENDER", "age_band"] });
  assert.deepEqual(excludedAttributes(named), ["CODE_GENDER", "age_band"]);
});

Deno.test("exclude_from_training takes true, false or a list of protected attributes", () => {
  const base = { protected: ["CODE_GENDER", "age_band"] };
  assert.deepEqual(
    excludedAttributes(GovernanceParams.parse({ ...base, exclude_from_training: false })),
    [],
  );
  assert.deepEqual(
    excludedAttributes(GovernanceParams.parse({ ...base, exclude_from_training: ["age_band"] })),
    ["age_band"],
  );
});

Deno.test("the governance section is checked before any stage runs", () => {
  const problems = findParamProblems({ governance: { protect: ["CODE_GENDER"] } });
  assert.deepEqual(problems.map((p) => [p.field, p.detail]), [
    ["governance.protect", "did you mean governance.protected?"],
  ]);
  const refined = findParamProblems({
    governance: { protected: ["CODE_GENDER", "CODE_GENDER"], exclude_from_training: ["age_band"] },
  });
  assert.deepEqual(refined.map((p) => [p.field, p.detail]), [
    ["governance.protected.1", 'is listed twice, got "CODE_GENDER"'],
    [
      "governance.exclude_from_training.0",
      'must be one of governance.protected (CODE_GENDER), got "age_band"',
    ],
  ]);
});
