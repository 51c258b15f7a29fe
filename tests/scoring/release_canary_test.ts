import assert from "node:assert/strict";
import { canaryBucket, createCanarySplit } from "../../lib/scoring/release/canary.ts";

Deno.test("an applicant id always lands in the same canary bucket", () => {
  // FNV-1a 32-bit of "100002" is 0x66e2a26a = 1726128746 (computed by hand in Python).
  assert.equal(canaryBucket("100002"), 46);
  assert.equal(canaryBucket(100002), canaryBucket("100002"));
});

Deno.test("a weight of 10 sends about a tenth of the ids to the challenger", () => {
  const split = createCanarySplit(10);
  let challenger = 0;
  for (let id = 100_000; id < 110_000; id++) if (split.toChallenger(id)) challenger++;
  assert.ok(challenger > 900 && challenger < 1100, `${challenger} of 10000`);
});

Deno.test("weights 0 and 100 send nobody and everybody to the challenger", () => {
  const none = createCanarySplit(0);
  const all = createCanarySplit(100);
  for (const id of [1, "a", undefined, 99]) {
    assert.equal(none.toChallenger(id), false);
    assert.equal(all.toChallenger(id), true);
  }
});

Deno.test("requests without an id split by a seeded stream", () => {
  const draw = (seed: number) =>
    Array.from({ length: 50 }, () => createCanarySplit(50, seed)).map((s) =>
      s.toChallenger(undefined)
    );
  assert.deepEqual(draw(3), draw(3));
  const split = createCanarySplit(50, 3);
  const picks = Array.from({ length: 1000 }, () => split.toChallenger(undefined));
  const share = picks.filter(Boolean).length;
  assert.ok(share > 400 && share < 600, `${share} of 1000`);
});
