/**
 * Seeded randomness evaluated inside DuckDB. Every draw is a hash of (row key, salt), so
 * a value depends only on the seed, the draw's tag and the row it belongs to: the same
 * seed gives the same table whatever the thread count or chunking. Salts come from the
 * project RNG (`createRng(seed)`), one per tag.
 */
import { createRng } from "../../../random/mod.ts";
import { countScale } from "./latent.ts";

// DuckDB's multi-argument hash() XORs the last argument's hash into the result, so two
// salts would give uniforms that differ by a fixed bit pattern; hashing the result again
// mixes the salt in non-linearly and makes draws with different tags independent.

/** SQL expressions for seeded draws keyed by row. */
export interface SqlRandom {
  /** Uniform in (0, 1) for the row identified by `keys` (SQL expressions). */
  uniform(tag: string, keys: readonly string[]): string;
  /** Standard normal (Box–Muller over two uniforms) for the row. */
  normal(tag: string, keys: readonly string[]): string;
}

const TWO_POW_53 = "9007199254740992.0";

/**
 * Creates the seeded draw factory for one generator run.
 * @example
 * ```ts
 * import { createSqlRandom } from "./sql_random.ts";
 * const random = createSqlRandom(7);
 * // "((hash(i, 1234::BIGINT) >> 11)::DOUBLE + 0.5) / …"
 * const sql = random.uniform("EXT_SOURCE_1", ["i"]);
 * if (!sql.includes("hash(i")) throw new Error(sql);
 * ```
 */
export function createSqlRandom(seed: number): SqlRandom {
  const base = createRng(seed).int(0, 0x7fffffff);
  const saltOf = (tag: string): number => (base ^ fnv1a(tag)) >>> 0;
  const uniform = (tag: string, keys: readonly string[]): string =>
    `((hash(hash(${keys.join(", ")}, ${
      saltOf(tag)
    }::BIGINT)) >> 11)::DOUBLE + 0.5) / ${TWO_POW_53}`;
  return {
    uniform,
    normal(tag, keys) {
      const u1 = uniform(`${tag}#1`, keys);
      const u2 = uniform(`${tag}#2`, keys);
      return `(sqrt(-2.0 * ln(${u1})) * cos(2.0 * pi() * ${u2}))`;
    },
  };
}

/** Approximate standard normal CDF (logistic fit, max error ~0.01) as SQL. */
export function normalCdfSql(x: string): string {
  return `(1.0 / (1.0 + exp(-1.702 * (${x}))))`;
}

/** Logistic function as SQL. */
export function sigmoidSql(x: string): string {
  return `(1.0 / (1.0 + exp(-(${x}))))`;
}

/**
 * SQL for a geometric count with mean `mean` once capped at `cap` (floor of an
 * exponential draw, scale solved by {@link countScale}).
 */
export function countSql(uniform: string, mean: number, cap: number): string {
  return `least(${cap}, floor(-ln(${uniform}) * ${countScale(mean, cap)}))::BIGINT`;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Named draws for one table: `u(tag)` and `n(tag)` register a uniform or normal draw as a
 * column of the table's first layer and return the column's name, so a draw used in many
 * CASE arms is computed once per row.
 */
export interface TableDraws {
  u(tag: string): string;
  n(tag: string): string;
  /**
   * A uniform draw's SQL in place rather than as a column: DuckDB then computes it only
   * for the rows that reach it (a CASE arm). The value is the same as `u(tag)` would give;
   * use it where the draw appears once.
   */
  uIn(tag: string): string;
  /** A normal draw's SQL in place (see `uIn`). */
  nIn(tag: string): string;
  /** Column name → SQL of every registered draw. */
  readonly columns: Record<string, string>;
}

/** Creates the named draws of a table whose rows are identified by `keys`. */
export function createTableDraws(
  random: SqlRandom,
  table: string,
  keys: readonly string[],
): TableDraws {
  const columns: Record<string, string> = {};
  const register = (prefix: string, tag: string, sql: () => string): string => {
    const name = `${prefix}_${tag.replace(/[^A-Za-z0-9_]/g, "_")}`;
    columns[name] ??= sql();
    return name;
  };
  return {
    columns,
    u: (tag) => register("du", tag, () => random.uniform(`${table}.${tag}`, keys)),
    n: (tag) => register("dn", tag, () => random.normal(`${table}.${tag}`, keys)),
    uIn: (tag) => random.uniform(`${table}.${tag}`, keys),
    nIn: (tag) => random.normal(`${table}.${tag}`, keys),
  };
}
