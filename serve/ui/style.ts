/** The applicant UI's stylesheet (inline in the page: the CSP allows inline styles only). */
export const UI_STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem auto; max-width: 80rem; padding: 0 1rem; color: #222; }
h1 { margin: 0; } .sub { color: #555; margin-top: .2rem; }
[role=tablist] { display: flex; gap: .3rem; border-bottom: 1px solid #bbb; margin: 1rem 0; }
[role=tab] { font: inherit; border: 1px solid #bbb; border-bottom: none; background: #f3f3f3; padding: .35rem .9rem; border-radius: 6px 6px 0 0; cursor: pointer; }
[role=tab][aria-selected=true] { background: #fff; font-weight: 600; position: relative; top: 1px; }
:focus-visible { outline: 3px solid #1f5fa8; outline-offset: 2px; }
.one { display: grid; grid-template-columns: minmax(0, 1fr) 27rem; gap: 1.5rem; align-items: start; }
.one[hidden], [hidden] { display: none !important; }
fieldset { border: 1px solid #ddd; border-radius: 6px; margin: 0 0 1rem; }
legend { font-weight: 600; padding: 0 .3rem; } summary { cursor: pointer; color: #1f5fa8; margin-bottom: .4rem; } .count { color: #777; font-weight: normal; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .6rem 1rem; }
.field { display: flex; flex-direction: column; }
.field label { font: 600 12px ui-monospace, monospace; overflow-wrap: anywhere; }
.field small { color: #666; font-size: 11px; }
input, select, textarea, button { font: inherit; }
input[type=number], input[type=text], select, textarea { padding: .2rem .3rem; border: 1px solid #999; border-radius: 4px; }
[aria-invalid=true] { border-color: #b00020; background: #fff4f4; }
button { padding: .35rem .9rem; border-radius: 4px; border: 1px solid #1f5fa8; background: #fff; color: #1f5fa8; cursor: pointer; }
button[type=submit] { background: #1f5fa8; color: #fff; }
.sticky { position: sticky; bottom: 0; background: #fffd; padding: .5rem 0; margin: 0; }
#result, #batch-result { border: 1px solid #ddd; border-radius: 6px; padding: .6rem 1rem; }
#result { position: sticky; top: 1rem; }
.probability strong { font-size: 2rem; display: block; }
.probability .label { color: #555; }
.chart { margin: 0; } .chart svg { max-width: 100%; height: auto; }
.lists { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; font-size: 13px; overflow-wrap: anywhere; }
#principal-reasons { overflow-wrap: anywhere; }
h4 { margin: .4rem 0; }
.issues { color: #b00020; } .issues:empty { display: none; }
code { font: 12px ui-monospace, monospace; }
`;
