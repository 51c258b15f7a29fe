import assert from "node:assert/strict";
import type { FeatureManifest } from "../../lib/features/manifest/mod.ts";
import { GovernanceParams } from "../../lib/governance/params.ts";
import {
  protectableFeatures,
  resolveProtected,
  trainingManifest,
} from "../../lib/governance/protected.ts";
import { stageExitCode } from "../../lib/stage/failure.ts";

const MANIFEST: FeatureManifest = {
  formatVersion: 1,
  key: "SK_ID_CURR",
  target: "TARGET",
  features: [
    { name: "AMT_CREDIT", type: "numeric", source: "application_train", description: "" },
    {
      name: "CODE_GENDER",
      type: "categorical",
      levels: ["F", "M", "XNA"],
      source: "application_train",
      description: "",
    },
    { name: "FLAG_OWN_CAR", type: "boolean", source: "application_train", description: "" },
    {
      name: "age_band",
      type: "categorical",
      levels: ["0-24", "25-34"],
      source: "application_train",
      description: "",
    },
    {
      name: "TFIDF_note_late",
      type: "numeric",
      source: "csv",
      description: "",
      text: { column: "note", term: "late", idf: 1.2 },
    },
    { name: "region_code", type: "numeric", source: "csv", description: "" },
  ],
};

Deno.test("protectable features: categorical, boolean and csv columns, never TF-IDF terms", () => {
  assert.deepEqual(protectableFeatures(MANIFEST).map((f) => f.name), [
    "CODE_GENDER",
    "FLAG_OWN_CAR",
    "age_band",
    "region_code",
  ]);
});

Deno.test("an unknown protected attribute is refused, named, with the valid ones listed", () => {
  const governance = GovernanceParams.parse({
    protected: ["age_band", "CODE_GENDR", "AMT_CREDIT"],
  });
  assert.throws(() => resolveProtected(MANIFEST, governance), (error: Error) => {
    assert.equal(stageExitCode(error), 2); // a param mistake
    assert.equal(
      error.message,
      "Invalid params: 2 problems\n" +
        '  - Invalid param governance.protected.1: unknown attribute "CODE_GENDR" (did you mean CODE_GENDER?): the valid ones are CODE_GENDER, FLAG_OWN_CAR, age_band, region_code\n' +
        '  - Invalid param governance.protected.2: unknown attribute "AMT_CREDIT": the valid ones are CODE_GENDER, FLAG_OWN_CAR, age_band, region_code',
    );
    return true;
  });
});

Deno.test("the training manifest drops exactly the attributes excluded from training", () => {
  const names = (governance: unknown) =>
    trainingManifest(MANIFEST, GovernanceParams.parse(governance)).features.map((f) => f.name);
  const all = MANIFEST.features.map((f) => f.name);
  assert.deepEqual(names({}), all);
  assert.deepEqual(
    names({ protected: ["CODE_GENDER", "age_band"] }),
    all.filter((n) => n !== "CODE_GENDER" && n !== "age_band"),
  );
  assert.deepEqual(
    names({ protected: ["CODE_GENDER", "age_band"], exclude_from_training: ["age_band"] }),
    all.filter((n) => n !== "age_band"),
  );
  assert.deepEqual(names({ protected: ["CODE_GENDER"], exclude_from_training: false }), all);
  assert.throws(() => names({ protected: ["nope"] }), /unknown attribute "nope"/);
});
