import assert from "node:assert/strict";
import {
  configuredLinkModes,
  DEFAULT_LINK_MODES,
  LINK_MODES_ENV,
  parseLinkModes,
} from "../../../lib/pipeline/store/link.ts";

Deno.test("the default link modes are reflink then copy, never a hardlink", () => {
  assert.deepEqual(DEFAULT_LINK_MODES, ["reflink", "copy"]);
});

Deno.test("a link-mode list keeps its order, drops repeats and always ends with copy", () => {
  assert.deepEqual(parseLinkModes("hardlink"), ["hardlink", "copy"]);
  assert.deepEqual(parseLinkModes(" reflink, hardlink ,reflink"), ["reflink", "hardlink", "copy"]);
  assert.deepEqual(parseLinkModes("copy,hardlink"), ["copy", "hardlink"]);
});

Deno.test("an unknown link mode is refused naming the variable and the choices", () => {
  assert.throws(
    () => parseLinkModes("symlink"),
    new TypeError(
      `Cannot read ${LINK_MODES_ENV}: unknown link mode "symlink": expected one of reflink, hardlink, copy`,
    ),
  );
});

Deno.test("hardlinks are chosen through the environment variable", () => {
  const before = Deno.env.get(LINK_MODES_ENV);
  try {
    Deno.env.set(LINK_MODES_ENV, "hardlink,copy");
    assert.deepEqual(configuredLinkModes(), ["hardlink", "copy"]);
    Deno.env.delete(LINK_MODES_ENV);
    assert.deepEqual(configuredLinkModes(), DEFAULT_LINK_MODES);
  } finally {
    if (before === undefined) Deno.env.delete(LINK_MODES_ENV);
    else Deno.env.set(LINK_MODES_ENV, before);
  }
});
