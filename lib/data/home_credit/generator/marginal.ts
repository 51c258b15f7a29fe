/**
 * Marginal laws of single columns, read from home_credit_schema.json: category frequencies, binary
 * flag rates and quantile knots (min, p25, median, p75, max), turned into SQL that maps a
 * uniform draw to a value (inverse CDF). Wide outer segments get an exponential tail
 * capped at the observed extreme, so one 117M income does not drag the mean upwards.
 */
import { quoteLiteral } from "../../../duckdb/mod.ts";
import {
  type RawColumn,
  rawTableOf,
  type TableName,
} from "../../../contracts/home_credit_schema.ts";

/** Quantile knots of a numeric column: values at probabilities 0, .25, .5, .75, 1. */
export type Knots = readonly [number, number, number, number, number];

/** The law a column is drawn from when no special rule applies. */
export type Marginal =
  | { kind: "category"; levels: string[]; weights: number[] }
  | { kind: "flag"; rate: number }
  | { kind: "numeric"; knots: Knots; integer: boolean };

/**
 * Reads a column's marginal from home_credit_schema.json; `assumed` supplies knots for columns whose
 * schema entry has no quartiles.
 */
export function marginalOf(table: TableName, column: string, assumed?: Knots): Marginal {
  const raw = rawColumn(table, column);
  if (raw.dtype === "object") {
    const counts = raw.value_counts;
    const levels = counts
      ? Object.keys(counts).sort((a, b) => counts[b] - counts[a])
      : (raw.values ?? []).map(String);
    const weights = counts ? levels.map((level) => counts[level]) : levels.map(() => 1);
    return { kind: "category", levels, weights };
  }
  const stats = raw.stats ?? {};
  const isFlag = raw.values?.length === 2 && typeof stats.mean === "number";
  if (isFlag) return { kind: "flag", rate: stats.mean as number };
  const knots = assumed ?? knotsOf(raw);
  if (!knots) {
    throw new RangeError(
      `Cannot draw ${table}.${column}: home_credit_schema.json has no quartiles for it`,
    );
  }
  return { kind: "numeric", knots, integer: raw.dtype === "int64" };
}

/** SQL mapping a uniform draw to a value of the marginal. */
export function marginalSql(marginal: Marginal, u: string): string {
  if (marginal.kind === "flag") return `(CASE WHEN ${u} < ${marginal.rate} THEN 1 ELSE 0 END)`;
  if (marginal.kind === "category") return categorySql(marginal.levels, marginal.weights, u);
  const value = inverseCdfSql(marginal.knots, u);
  return marginal.integer ? `round(${value})` : value;
}

/** SQL picking one of `levels` with probabilities proportional to `weights`. */
export function categorySql(levels: readonly string[], weights: readonly number[], u: string) {
  const total = weights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  const arms = levels.slice(0, -1).map((level, i) => {
    cumulative += weights[i] / total;
    return `WHEN ${u} < ${cumulative} THEN ${quoteLiteral(level)}`;
  });
  return `(CASE ${arms.join(" ")} ELSE ${quoteLiteral(levels[levels.length - 1])} END)`;
}

/** SQL inverse CDF through quantile knots, with exponential outer tails where wide. */
export function inverseCdfSql(knots: Knots, u: string): string {
  const [min, p25, median, p75, max] = knots;
  const iqr = p75 - p25;
  const lower = segmentSql(p25, min, `(0.25 - ${u}) / 0.25`, iqr);
  const upper = segmentSql(p75, max, `(${u} - 0.75) / 0.25`, iqr);
  return `(CASE WHEN ${u} < 0.25 THEN ${lower} ` +
    `WHEN ${u} < 0.5 THEN ${p25} + (${median - p25}) * (${u} - 0.25) / 0.25 ` +
    `WHEN ${u} < 0.75 THEN ${median} + (${p75 - median}) * (${u} - 0.5) / 0.25 ` +
    `ELSE ${upper} END)`;
}

/** An outer segment from the quartile `from` towards the extreme `to`, t in [0, 1). */
function segmentSql(from: number, to: number, t: string, iqr: number): string {
  const width = Math.abs(to - from);
  if (width === 0) return `${from}`;
  if (iqr > 0 && width <= 3 * iqr) return `(${from} + (${to - from}) * ${t})`;
  const scale = iqr > 0 ? 0.7 * iqr : width / 200;
  const sign = to > from ? 1 : -1;
  const step = `${sign * scale} * -ln(1.0 - ${t} * 0.999999)`;
  return sign > 0 ? `least(${to}, ${from} + ${step})` : `greatest(${to}, ${from} + ${step})`;
}

function knotsOf(raw: RawColumn): Knots | undefined {
  const stats = raw.stats ?? {};
  const sample = (stats.sample_20k ?? {}) as Record<string, number>;
  const pick = (name: string): number | undefined =>
    typeof stats[name] === "number" ? stats[name] as number : sample[name];
  const values = [pick("min"), pick("p25"), pick("median"), pick("p75"), pick("max")];
  if (values.some((v) => v === undefined)) return undefined;
  return values as unknown as Knots;
}

function rawColumn(table: TableName, column: string): RawColumn {
  const raw = rawTableOf(table).columns.find((c) => c.name === column);
  if (!raw) {
    throw new RangeError(
      `Cannot draw ${table}.${column}: no such column in home_credit_schema.json`,
    );
  }
  return raw;
}

/** SQL drawing a category of a column from its frequencies, leaving out some levels. */
export function categoryWithoutSql(
  table: TableName,
  column: string,
  exclude: readonly string[],
  u: string,
): string {
  const marginal = marginalOf(table, column);
  if (marginal.kind !== "category") {
    throw new TypeError(`Cannot draw ${table}.${column} as a category: it is ${marginal.kind}`);
  }
  const keep = marginal.levels.map((_, i) => i).filter((i) =>
    !exclude.includes(marginal.levels[i])
  );
  return categorySql(keep.map((i) => marginal.levels[i]), keep.map((i) => marginal.weights[i]), u);
}

/** SQL mapping a uniform draw through a numeric column's quantile knots. */
export function numericSql(table: TableName, column: string, u: string): string {
  const marginal = marginalOf(table, column);
  if (marginal.kind !== "numeric") {
    throw new TypeError(`Cannot draw ${table}.${column} as a number: it is ${marginal.kind}`);
  }
  return inverseCdfSql(marginal.knots, u);
}
