import { ignoreWithoutPython } from "../../../tests/python_oracle.ts";
import assert from "node:assert/strict";
import type { FeatureManifest } from "../../../lib/features/manifest/mod.ts";
import type { TableContract } from "../../../lib/contracts/mod.ts";
import { peerModelSource } from "./peer_source.ts";

const CONTRACT: TableContract = {
  formatVersion: 1,
  table: "application_train",
  key: ["ID"],
  target: "TARGET",
  columns: [
    { name: "ID", type: "int", nullable: false },
    { name: "TARGET", type: "int", nullable: false, min: 0, max: 1 },
    { name: "AMT", type: "float", nullable: true, min: 0, max: 1e6 },
    { name: "DAYS", type: "int", nullable: true, min: -20000, max: 0, sentinels: [365243] },
    { name: "GENDER", type: "category", nullable: false, levels: ["F", "M"] },
  ],
};
const MANIFEST: FeatureManifest = {
  formatVersion: 1,
  key: "ID",
  target: "TARGET",
  features: [
    { name: "AMT", type: "numeric", source: "application_train", description: "amount" },
    {
      name: "GENDER",
      type: "categorical",
      source: "application_train",
      description: "gender",
      levels: ["M", "F"],
    },
    { name: "HIST", type: "numeric", source: "bureau", description: "history" },
  ],
};
const INFO = {
  contract: CONTRACT,
  omit: ["TARGET"],
  snapshot: { file: "feature_snapshot.parquet", key: "ID", features: ["HIST"] },
};

// Outside CI a missing python3-pydantic skips these tests, saying so; in CI they run and fail.
const withoutPydantic = await ignoreWithoutPython("the generated pydantic model", ["pydantic"]);

/** Runs `checks` (Python using `m`, the generated module) and returns its printed JSON. */
async function runGenerated(checks: string): Promise<unknown> {
  const dir = await Deno.makeTempDir({ prefix: "peer_source_" });
  try {
    await Deno.writeTextFile(`${dir}/peer_model.py`, peerModelSource(INFO, MANIFEST, "v0009"));
    const output = await new Deno.Command("/usr/bin/python3", {
      args: [
        "-c",
        `import json, sys\nsys.path.insert(0, ${JSON.stringify(dir)})\n` +
        `import peer_model as m\n${checks}`,
      ],
    }).output();
    assert.ok(output.success, new TextDecoder().decode(output.stderr));
    return JSON.parse(new TextDecoder().decode(output.stdout));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const VALID = { ID: 7, AMT: 1.5, DAYS: -10, GENDER: "F" };

Deno.test({
  name: "the generated pydantic model keeps the contract's rules and leaves out the target",
  ignore: withoutPydantic,
  async fn() {
    const cases: [string, Record<string, unknown>][] = [
      ["valid", VALID],
      ["sentinel", { ...VALID, DAYS: 365243 }],
      ["nullable left out", { ID: 7, GENDER: "M" }],
      ["below min", { ...VALID, AMT: -1 }],
      ["above max outside the sentinels", { ...VALID, DAYS: 5 }],
      ["unknown level", { ...VALID, GENDER: "X" }],
      ["unknown field", { ...VALID, EXTRA: 1 }],
      ["the target", { ...VALID, TARGET: 1 }],
      ["required missing", { AMT: 1, GENDER: "F" }],
      ["non-integer int", { ...VALID, ID: 1.5 }],
      ["null in a required field", { ...VALID, GENDER: null }],
    ];
    const accepted = await runGenerated(`
out = {}
for name, row in json.loads(${JSON.stringify(JSON.stringify(cases))}):
    try:
        m.Row(**row)
        out[name] = True
    except Exception:
        out[name] = False
print(json.dumps(out))`);
    assert.deepEqual(accepted, {
      "valid": true,
      "sentinel": true,
      "nullable left out": true,
      "below min": false,
      "above max outside the sentinels": false,
      "unknown level": false,
      "unknown field": false,
      "the target": false,
      "required missing": false,
      "non-integer int": false,
      "null in a required field": false,
    });
  },
});

Deno.test({
  name:
    "generated request features encode with the manifest's levels and leave snapshot features NaN",
  ignore: withoutPydantic,
  async fn() {
    const features = await runGenerated(`
v = m.request_features(m.Row(**${JSON.stringify(VALID)}).dict(by_alias=True))
print(json.dumps([None if x != x else x for x in v] + [m.SNAPSHOT_KEY, m.SNAPSHOT_POSITIONS]))`);
    assert.deepEqual(features, [1.5, 1, null, "ID", [2]]);
  },
});

Deno.test("a csv version is refused: its reading rules are not built into the peer", () => {
  assert.throws(
    () =>
      peerModelSource(
        {
          ...INFO,
          csv: {
            missingMarkers: [],
            trueValues: [],
            falseValues: [],
            idColumn: "ID",
            targetColumn: "TARGET",
          } as never,
        },
        MANIFEST,
        "v0009",
      ),
    /csv versions are not built/,
  );
});
