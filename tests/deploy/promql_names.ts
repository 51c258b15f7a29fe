/**
 * The metric names a PromQL expression reads, for checking rules and dashboards against
 * what the server exports. Not a PromQL parser: label matchers, ranges, strings, grouping
 * clauses and Grafana variables are cut out, then every identifier that is not a function
 * call, a keyword or a number is a metric name. Enough for the expressions in deploy/.
 */

const KEYWORDS = new Set([
  "and",
  "or",
  "unless",
  "by",
  "without",
  "on",
  "ignoring",
  "group_left",
  "group_right",
  "bool",
  "offset",
  "inf",
  "nan",
]);

/** Metric names (and recording-rule names) read by `expr`. */
export function metricNames(expr: string): Set<string> {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, " ")
    .replace(/\boffset\s+-?\S+/gi, " ")
    .replace(/\$\{?[A-Za-z_]\w*\}?/g, " ");
  const names = new Set<string>();
  const token = /(0x[0-9a-fA-F]+|\d*\.?\d+(?:[eE][+-]?\d+)?)|([A-Za-z_:][\w:]*)(\s*\()?/g;
  for (const [, number, name, call] of bare.matchAll(token)) {
    if (number !== undefined || call !== undefined) continue;
    if (!KEYWORDS.has(name.toLowerCase())) names.add(name);
  }
  return names;
}

/** Metric families of a Prometheus text exposition (histograms with their series names). */
export function exposedMetricNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const line of exposition.split("\n")) {
    const match = line.match(/^# TYPE (\S+) (\S+)$/);
    if (!match) continue;
    const [, name, type] = match;
    names.add(name);
    if (type === "histogram") {
      for (const s of ["_bucket", "_sum", "_count"]) names.add(name + s);
    }
  }
  return names;
}
