import assert from "node:assert/strict";
import { join } from "node:path";
import type { GateResult } from "../../lib/evaluation/gate.ts";
import {
  applyPromotionPolicy,
  decidePromotion,
  promote,
  type PromotionInput,
  readIndex,
  RegisterParams,
  registerVersion,
} from "../../lib/registry/mod.ts";

const PASSED: GateResult = {
  passed: true,
  enforce: false,
  checks: [
    { name: "min_auc", value: 0.72, threshold: ">= 0.65", status: "pass", detail: "" },
    {
      name: "not_worse_than_production",
      value: 0.001,
      threshold: ">= -0.005",
      status: "pass",
      detail: "",
    },
  ],
};
const WORSE: GateResult = {
  passed: false,
  enforce: false,
  checks: [
    { name: "min_auc", value: 0.7182, threshold: ">= 0.65", status: "pass", detail: "" },
    {
      name: "not_worse_than_production",
      value: -0.0015,
      threshold: ">= -0.001",
      status: "fail",
      detail: "",
    },
  ],
};
const FIRST: GateResult = {
  passed: true,
  enforce: false,
  checks: [{
    name: "not_worse_than_production",
    value: null,
    threshold: "-",
    status: "skipped",
    detail: "no production version",
  }],
};

function input(overrides: Partial<PromotionInput>): PromotionInput {
  return {
    policy: "first",
    version: "v0002",
    untouched: true,
    champion: "v0001",
    gate: PASSED,
    judgedAgainst: "v0001",
    setParamKeys: [],
    ...overrides,
  };
}

Deno.test("the first version whose gate passed becomes the champion by default", () => {
  const decision = decidePromotion(
    input({ version: "v0001", champion: undefined, judgedAgainst: undefined, gate: FIRST }),
  );
  assert.deepEqual(decision, { promote: true, reason: "no champion yet, gate passed" });
});

Deno.test("by default a later version stays unpromoted even when its gate passed", () => {
  const decision = decidePromotion(input({}));
  assert.equal(decision.promote, false);
  assert.equal(
    decision.reason,
    "v0001 is the champion and register.promote is first: promote by hand " +
      "(deno task registry promote v0002 Production) or set register.promote: auto",
  );
});

Deno.test("auto promotes a version not worse than the champion, not a worse one", () => {
  assert.deepEqual(decidePromotion(input({ policy: "auto" })), {
    promote: true,
    reason: "gate passed, not worse than v0001",
  });
  assert.deepEqual(decidePromotion(input({ policy: "auto", gate: WORSE })), {
    promote: false,
    reason: "its gate failed (not_worse_than_production)",
  });
});

Deno.test("auto refuses a gate judged against another champion than the current one", () => {
  const decision = decidePromotion(input({ policy: "auto", judgedAgainst: undefined }));
  assert.equal(decision.promote, false);
  assert.match(decision.reason, /compared it with no champion, not with the champion v0001/);
});

Deno.test("a --set-param run never promotes unless it sets register.promote", () => {
  const experiment = decidePromotion(
    input({ policy: "auto", setParamKeys: ["train.gbdt.max_depth"] }),
  );
  assert.equal(experiment.promote, false);
  assert.match(experiment.reason, /^a --set-param run \(train\.gbdt\.max_depth\) does not promote/);
  const first = decidePromotion(input({
    champion: undefined,
    judgedAgainst: undefined,
    gate: FIRST,
    setParamKeys: ["train.gbdt.max_depth"],
  }));
  assert.equal(first.promote, false);
  const asked = decidePromotion(
    input({ policy: "auto", setParamKeys: ["train.gbdt.max_depth", "register.promote"] }),
  );
  assert.equal(asked.promote, true);
});

Deno.test("never, and a version that changed stage before, are not promoted", () => {
  assert.equal(decidePromotion(input({ policy: "never", champion: undefined })).promote, false);
  assert.deepEqual(decidePromotion(input({ policy: "auto", untouched: false })), {
    promote: false,
    reason: "v0002 changed stage before, so register leaves it",
  });
});

Deno.test("register params: promote is checked, promote_to is read as its predecessor", () => {
  assert.deepEqual(RegisterParams.parse({}), { promote: "first", deprecated: false });
  assert.deepEqual(RegisterParams.parse({ promote: "auto" }), {
    promote: "auto",
    deprecated: false,
  });
  assert.deepEqual(RegisterParams.parse({ promote_to: "Production" }), {
    promote: "first",
    deprecated: true,
  });
  assert.deepEqual(RegisterParams.parse({ promote_to: "None" }), {
    promote: "never",
    deprecated: true,
  });
  const wrong = RegisterParams.safeParse({ promote: "always" });
  assert.equal(wrong.success, false);
  assert.deepEqual(wrong.error!.issues.map((i) => [i.path.join("."), i.message]), [
    ["promote", "expected one of first, auto, never"],
  ]);
  const both = RegisterParams.safeParse({ promote: "auto", promote_to: "Production" });
  assert.equal(both.success, false);
  assert.equal(RegisterParams.safeParse({ promote: "auto", extra: 1 }).success, false);
});

Deno.test("applying the policy promotes through the registry and records the reason", async () => {
  const dir = await Deno.makeTempDir();
  const root = join(dir, "registry");
  const artifact = join(dir, "model.json");
  await Deno.writeTextFile(artifact, "one");
  const first = await registerVersion(root, {
    artifacts: { "model.json": artifact },
    metrics: {},
    gatePassed: true,
    lineage: {},
  });
  const applied = await applyPromotionPolicy(root, {
    version: first.version,
    policy: "first",
    gate: FIRST,
    judgedAgainst: undefined,
    setParamKeys: [],
  });
  assert.deepEqual(applied.lines, ["v0001: None → Production (no champion yet, gate passed)"]);
  await Deno.writeTextFile(artifact, "two");
  const second = await registerVersion(root, {
    artifacts: { "model.json": artifact },
    metrics: {},
    gatePassed: true,
    lineage: {},
  });
  const kept = await applyPromotionPolicy(root, {
    version: second.version,
    policy: "first",
    gate: PASSED,
    judgedAgainst: "v0001",
    setParamKeys: [],
  });
  assert.equal(kept.transitions.length, 0);
  assert.match(kept.lines[0], /^v0002 stays in None: v0001 is the champion/);
  assert.deepEqual((await readIndex(root)).stages, { v0001: "Production", v0002: "None" });
  await promote(root, "v0002", "Production");
  assert.deepEqual((await readIndex(root)).stages, { v0001: "Archived", v0002: "Production" });
  await Deno.remove(dir, { recursive: true });
});
