import assert from "node:assert/strict";
import { parseRemoteUrl, redactUrl } from "../../../lib/pipeline/remote/mod.ts";

Deno.test("a path, a relative path and a file URL are folder remotes", () => {
  assert.deepEqual(parseRemoteUrl("/srv/cache", "/repo"), { kind: "folder", path: "/srv/cache" });
  assert.deepEqual(parseRemoteUrl("../shared", "/repo/a"), {
    kind: "folder",
    path: "/repo/shared",
  });
  assert.deepEqual(parseRemoteUrl("file:///mnt/team", "/repo"), {
    kind: "folder",
    path: "/mnt/team",
  });
});

Deno.test("an http URL is a WebDAV remote whose base ends in a slash, credentials moved to a header", () => {
  const location = parseRemoteUrl("https://ann:s%3Acret@dav.example/cache", "/repo");
  assert.equal(location.kind, "webdav");
  if (location.kind !== "webdav") return;
  assert.equal(location.base.href, "https://dav.example/cache/");
  assert.equal(location.authorization, `Basic ${btoa("ann:s:cret")}`);
  assert.equal(redactUrl("https://ann:pw@dav.example/cache"), "https://***@dav.example/cache");
});

Deno.test("an unsupported scheme, an empty URL or a URL with a query is refused by name", () => {
  assert.throws(
    () => parseRemoteUrl("s3://bucket/cache", "/repo"),
    {
      name: "RemoteConfigError",
      message: 'Cannot use remote URL "s3://bucket/cache": unsupported scheme "s3" ' +
        "(expected a folder path, file://, http:// or https://)",
    },
  );
  assert.throws(() => parseRemoteUrl("  ", "/repo"), {
    message: "Cannot use remote URL: it is empty",
  });
  assert.throws(
    () => parseRemoteUrl("http://dav.example/c?x=1", "/repo"),
    {
      message:
        'Cannot use remote URL "http://dav.example/c?x=1": a query or fragment is not allowed',
    },
  );
});
