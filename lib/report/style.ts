/** The report stylesheet, inlined into every page so a page is readable on its own. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d1f23; --muted: #5f6670; --rule: #dde1e6; --bg: #fff;
  --ok: #1f7a3a; --warn: #9a6700; --alert: #b42318; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1120px; padding: 24px 28px 64px; color: var(--ink);
  background: var(--bg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 8px; padding-top: 12px; border-top: 1px solid var(--rule); }
p.note { color: var(--muted); margin: 4px 0 12px; max-width: 80ch; }
nav { margin: 0 0 12px; font-size: 14px; }
nav a { margin-right: 14px; }
a { color: #2452b8; }
.lineage { font-size: 13px; color: var(--muted); margin: 8px 0 16px; }
.lineage dl { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 0; }
.lineage dl div { display: flex; gap: 6px; }
.lineage dt { font-weight: 600; }
.lineage dd { margin: 0; }
.lineage details { margin-top: 4px; }
.lineage ul { columns: 2; margin: 4px 0; padding-left: 18px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 16px 28px; }
figure { margin: 8px 0 16px; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; }
figure.chart h2 { font-size: 15px; margin: 0 0 4px; padding: 0; border: 0; } /* a chart's title */
.table-wrap { overflow-x: auto; margin: 8px 0 16px; }
table { border-collapse: collapse; font-size: 14px; }
caption { text-align: left; font-size: 13px; color: var(--muted); padding-bottom: 4px; }
th, td { padding: 4px 12px; border-bottom: 1px solid var(--rule); text-align: left; }
th { font-weight: 600; border-bottom: 2px solid #b8bec6; background: #f6f7f9; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.empty { color: var(--muted); text-align: center; }
tr.fail td { background: #fdecea; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px;
  font-weight: 600; color: #fff; background: var(--muted); }
.badge.ok { background: var(--ok); }
.badge.warn { background: var(--warn); }
.badge.alert { background: var(--alert); }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, monospace; }
footer { margin-top: 48px; font-size: 12px; color: var(--muted); }
`;
