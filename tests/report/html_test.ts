import assert from "node:assert/strict";
import { escapeHtml, html, JUPYTER_DISPLAY, raw } from "../../lib/report/mod.ts";

Deno.test("escapeHtml escapes the five markup characters", () => {
  assert.equal(
    escapeHtml(`<a href="x">Tom & 'Jerry'</a>`),
    "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;",
  );
});

Deno.test("the html tag escapes interpolated text but keeps fragments and joins lists", () => {
  const name = "<script>alert(1)</script>";
  const out = html`<p>${name}</p>${[raw("<b>a</b>"), "c&d"]}${null}${undefined}${false}${3}`;
  assert.equal(
    out.value,
    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><b>a</b>c&amp;d3",
  );
});

Deno.test("an Html fragment displays as text/html in a notebook", () => {
  const display = raw("<svg></svg>")[JUPYTER_DISPLAY]();
  assert.deepEqual(display, { "text/html": "<svg></svg>" });
});
