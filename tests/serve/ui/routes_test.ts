import assert from "node:assert/strict";
import { harness } from "../harness.ts";

Deno.test("GET /ui serves the page of the loaded version under a same-origin CSP", async () => {
  await using h = await harness();
  const res = await h.app.request("/ui");
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /^text\/html/);
  assert.match(
    res.headers.get("content-security-policy") ?? "",
    /default-src 'none'.*script-src 'self'/,
  );
  const html = await res.text();
  assert.ok(html.includes(`<code id="model-version">${h.live.current()!.version}</code>`));
  assert.ok(html.includes('name="SK_ID_CURR"'));
});

Deno.test("GET /ui/assets serves Plot, d3 and the page script with an ETag that answers 304", async () => {
  await using h = await harness();
  const starts: Record<string, RegExp> = {
    "plot.js": /^\/\/ @observablehq\/plot v0\.6\.17 /,
    "d3.js": /^\/\/ https:\/\/d3js\.org v7\.9\.\d /,
    "ui.js": /^\/\/ The applicant UI's page script/,
  };
  for (const [file, start] of Object.entries(starts)) {
    const res = await h.app.request(`/ui/assets/${file}`);
    assert.equal(res.status, 200, file);
    assert.equal(res.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.equal(res.headers.get("cache-control"), "public, max-age=86400");
    assert.match(await res.text(), start);
    const etag = res.headers.get("etag")!;
    assert.match(etag, /^"[0-9a-f]{32}"$/);
    const again = await h.app.request(`/ui/assets/${file}`, { headers: { "if-none-match": etag } });
    assert.equal(again.status, 304, file);
    assert.equal(await again.text(), "");
  }
});

Deno.test("GET /ui/assets of a name the UI does not serve is a 404 naming it", async () => {
  await using h = await harness();
  for (const file of ["nope.js", "..%2F..%2Fdeno.json", "constructor"]) {
    const res = await h.app.request(`/ui/assets/${file}`);
    assert.equal(res.status, 404, file);
    const body = await res.json();
    assert.match(body.error, /^Not found: no UI asset "/);
  }
  assert.deepEqual(h.errors, []);
});

Deno.test("GET /ui with no model loaded is a 503 naming it, and its assets still load", async () => {
  await using h = await harness();
  await h.live.close();
  const res = await h.app.request("/ui");
  assert.equal(res.status, 503);
  assert.equal((await res.json()).error, "No model is loaded");
  assert.equal((await h.app.request("/ui/assets/ui.js")).status, 200);
  assert.deepEqual(h.errors, []);
});

Deno.test("GET /ui with a method the route does not take is a 405 listing GET", async () => {
  await using h = await harness();
  const res = await h.app.request("/ui", { method: "POST" });
  assert.equal(res.status, 405);
  assert.equal(res.headers.get("allow"), "GET, HEAD");
});
