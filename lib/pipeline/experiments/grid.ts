/**
 * `--grid key=v1,v2,…`: the product of every axis as lists of `key=value` assignments,
 * in the order a reader expects (the last axis varies fastest).
 */
import { ExperimentError } from "./errors.ts";

/** One axis of a grid: a dotted key and its values as written. */
export interface GridAxis {
  key: string;
  values: string[];
}

/** Parses one `--grid` flag; an empty key or value list names the flag. */
export function parseGridAxis(flag: string): GridAxis {
  const eq = flag.indexOf("=");
  const key = eq > 0 ? flag.slice(0, eq).trim() : "";
  const values = eq > 0 ? flag.slice(eq + 1).split(",").map((value) => value.trim()) : [];
  if (key === "" || values.length === 0 || values.some((value) => value === "")) {
    throw new ExperimentError(
      `Cannot read --grid "${flag}": expected key=v1,v2,… with no empty value`,
    );
  }
  return { key, values: [...new Set(values)] };
}

/**
 * Every combination of the axes, each a list of `key=value` (one empty combination when
 * there is no axis).
 * @example
 * ```ts
 * import { gridProduct } from "./grid.ts";
 * const runs = gridProduct([{ key: "a", values: ["1", "2"] }, { key: "b", values: ["x"] }]);
 * if (JSON.stringify(runs) !== '[["a=1","b=x"],["a=2","b=x"]]') throw new Error(JSON.stringify(runs));
 * ```
 */
export function gridProduct(axes: readonly GridAxis[]): string[][] {
  const keys = new Set<string>();
  for (const axis of axes) {
    if (keys.has(axis.key)) {
      throw new ExperimentError(`Cannot build the grid: param ${axis.key} has two --grid flags`);
    }
    keys.add(axis.key);
  }
  let runs: string[][] = [[]];
  for (const axis of axes) {
    runs = runs.flatMap((run) => axis.values.map((value) => [...run, `${axis.key}=${value}`]));
  }
  return runs;
}
