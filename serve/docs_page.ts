/**
 * The /docs page: one self-contained HTML file (no CDN, no external script) that
 * fetches /openapi.json and renders each operation, the applicant's fields and a try-it
 * form prefilled with the documented example for each operation that takes a body.
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>riskpipe scoring API</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; }
h1 { margin-bottom: 0; } .sub { color: #666; margin-top: .2rem; }
section { border: 1px solid #ddd; border-radius: 6px; margin: 1rem 0; padding: .6rem 1rem; }
.method { font-weight: bold; text-transform: uppercase; color: #fff; border-radius: 4px; padding: 0 .4rem; }
.get { background: #2b7a3d; } .post { background: #1f5fa8; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
td, th { border-bottom: 1px solid #eee; padding: 2px 6px; text-align: left; vertical-align: top; }
code, textarea, pre { font: 12px ui-monospace, monospace; }
textarea { width: 100%; height: 8rem; } pre { background: #f6f6f6; padding: .5rem; overflow: auto; }
</style>
</head>
<body>
<h1>riskpipe scoring API</h1>
<p class="sub" id="version">loading /openapi.json…</p>
<div id="paths"></div>
<h2>Applicant fields</h2>
<table id="fields"><thead><tr><th>field</th><th>type</th><th>required</th><th>rule</th><th>description</th></tr></thead><tbody></tbody></table>
<script>
const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
function describe(schema) {
  const s = schema.anyOf ? schema.anyOf.find((x) => x.type !== "null" && !x.enum) ?? schema.anyOf[0] : schema;
  const inner = s.anyOf ? s.anyOf[0] : s;
  const rules = [];
  if (inner.minimum !== undefined) rules.push("≥ " + inner.minimum);
  if (inner.maximum !== undefined) rules.push("≤ " + inner.maximum);
  if (inner.enum) rules.push("one of " + inner.enum.join(", "));
  return { type: inner.type ?? "", rule: rules.join("; ") };
}
async function main() {
  const doc = await (await fetch("openapi.json")).json();
  document.getElementById("version").textContent = doc.info.description + " Model " + doc.info.version + ".";
  const paths = document.getElementById("paths");
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const section = document.createElement("section");
      const codes = Object.entries(op.responses).map(([k, v]) => k + " " + v.description).join(" · ");
      section.innerHTML = '<p><span class="method ' + method + '">' + method + "</span> <code>" + esc(path) +
        "</code> " + esc(op.summary) + "</p><p><small>" + esc(codes) + "</small></p>";
      const media = op.requestBody?.content?.["application/json"];
      if (media) {
        const example = Object.values(media.examples ?? {})[0]?.value ?? {};
        const area = document.createElement("textarea");
        area.value = JSON.stringify(example, null, 2);
        const button = document.createElement("button");
        button.textContent = "Send";
        const out = document.createElement("pre");
        out.className = "result";
        button.onclick = async () => {
          out.removeAttribute("data-status");
          try {
            // A path parameter (the V2 model name and version) takes its documented example.
            const url = path.slice(1).replace(/[{](\\w+)[}]/g, (_, name) =>
              (op.parameters ?? []).find((p) => p.name === name)?.example ?? name);
            const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: area.value });
            out.textContent = res.status + "\\n" + JSON.stringify(await res.json(), null, 2);
            out.dataset.status = String(res.status);
          } catch (e) {
            out.textContent = "Request failed: " + e.message;
            out.dataset.status = "failed";
          }
        };
        section.dataset.path = path;
        section.append(area, button, out);
      }
      paths.append(section);
    }
  }
  const applicant = doc.components.schemas.Applicant;
  const required = new Set(applicant.required);
  const body = document.querySelector("#fields tbody");
  for (const [name, schema] of Object.entries(applicant.properties)) {
    const d = describe(schema);
    const row = document.createElement("tr");
    row.innerHTML = "<td><code>" + esc(name) + "</code></td><td>" + esc(d.type) + "</td><td>" +
      (required.has(name) ? "yes" : "") + "</td><td>" + esc(d.rule) + "</td><td>" + esc(schema.description) + "</td>";
    body.append(row);
  }
}
main().catch((e) => { document.getElementById("version").textContent = "Cannot load /openapi.json: " + e.message; });
</script>
</body>
</html>
`;
