/**
 * A small Prometheus registry: labelled counters, gauges read at scrape time, and
 * cumulative histograms, rendered in the text exposition format (0.0.4).
 */

/** Labels of one series. */
export type Labels = Record<string, string>;

/** A counter family. */
export interface Counter {
  inc(labels?: Labels, by?: number): void;
  /** One series, for callers that update it often (no label formatting per update). */
  series(labels?: Labels): { inc(by?: number): void };
}

/** A histogram family with fixed bucket upper bounds. */
export interface Histogram {
  observe(value: number, labels?: Labels): void;
  /** One series, for callers that update it often (no label formatting per update). */
  series(labels?: Labels): { observe(value: number): void };
}

/** Counters, histograms and scrape-time gauges, rendered together. */
export interface MetricsRegistry {
  counter(name: string, help: string): Counter;
  histogram(name: string, help: string, buckets: number[]): Histogram;
  /** A gauge (or counter, by `type`) whose samples are read when scraped. */
  collect(
    name: string,
    help: string,
    type: "gauge" | "counter",
    read: () => { labels?: Labels; value: number }[],
  ): void;
  render(): string;
}

interface Family {
  render(): string[];
}

/** Creates an empty registry. */
export function createMetricsRegistry(): MetricsRegistry {
  const families: Family[] = [];
  const header = (name: string, help: string, type: string) => [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} ${type}`,
  ];
  return {
    counter(name, help) {
      const series = new Map<string, { value: number }>();
      families.push({
        render: () => [
          ...header(name, help, "counter"),
          ...[...series].map(([key, s]) => `${name}${key} ${formatNumber(s.value)}`),
        ],
      });
      const seriesOf = (labels: Labels = {}) => {
        const key = formatLabels(labels);
        let s = series.get(key);
        if (s === undefined) series.set(key, s = { value: 0 });
        return s;
      };
      return {
        inc(labels, by = 1) {
          seriesOf(labels).value += by;
        },
        series(labels) {
          const s = seriesOf(labels);
          return {
            inc(by = 1) {
              s.value += by;
            },
          };
        },
      };
    },
    histogram(name, help, buckets) {
      const bounds = [...buckets].sort((a, b) => a - b);
      const series = new Map<string, { labels: Labels; counts: number[]; sum: number }>();
      families.push({
        render: () => {
          const lines = header(name, help, "histogram");
          for (const { labels, counts, sum } of series.values()) {
            let cumulative = 0;
            bounds.forEach((bound, i) => {
              cumulative += counts[i];
              const le = formatLabels({ ...labels, le: formatNumber(bound) });
              lines.push(`${name}_bucket${le} ${cumulative}`);
            });
            const total = cumulative + counts[bounds.length];
            lines.push(`${name}_bucket${formatLabels({ ...labels, le: "+Inf" })} ${total}`);
            lines.push(`${name}_sum${formatLabels(labels)} ${formatNumber(sum)}`);
            lines.push(`${name}_count${formatLabels(labels)} ${total}`);
          }
          return lines;
        },
      });
      const seriesOf = (labels: Labels = {}) => {
        const key = formatLabels(labels);
        let s = series.get(key);
        if (s === undefined) {
          s = { labels, counts: new Array(bounds.length + 1).fill(0), sum: 0 };
          series.set(key, s);
        }
        return s;
      };
      const observe = (s: { counts: number[]; sum: number }, value: number) => {
        let i = 0;
        while (i < bounds.length && value > bounds[i]) i++;
        s.counts[i]++;
        s.sum += value;
      };
      return {
        observe(value, labels) {
          observe(seriesOf(labels), value);
        },
        series(labels) {
          const s = seriesOf(labels);
          return { observe: (value) => observe(s, value) };
        },
      };
    },
    collect(name, help, type, read) {
      families.push({
        render: () => [
          ...header(name, help, type),
          ...read().map((s) => `${name}${formatLabels(s.labels ?? {})} ${formatNumber(s.value)}`),
        ],
      });
    },
    render: () => families.flatMap((f) => f.render()).join("\n") + "\n",
  };
}

function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return "";
  const escape = (v: string) =>
    v.replaceAll("\\", "\\\\").replaceAll("\n", "\\n").replaceAll('"', '\\"');
  return `{${entries.map(([k, v]) => `${k}="${escape(v)}"`).join(",")}}`;
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}
