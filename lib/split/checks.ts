/**
 * The split's refusals as pure functions over ids and labels: missing or duplicate ids,
 * targets other than 0/1, an id in both parts, and target rates that drift apart.
 */
import { SplitCheckError } from "./errors.ts";

/** Refuses NULL ids and ids that appear on more than one row (the split is per entity). */
export function checkIds(key: string, ids: ArrayLike<number | string | null>): void {
  const counts = new Map<number | string, number>();
  let missing = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id === null) missing++;
    else counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  if (missing > 0) {
    throw new SplitCheckError("missing_ids", `Cannot split: ${key} is missing on ${missing} rows`);
  }
  const duplicated = [...counts].filter(([, n]) => n > 1);
  if (duplicated.length > 0) {
    const shown = duplicated.slice(0, 5).map(([id, n]) => `${JSON.stringify(id)} (${n} rows)`);
    throw new SplitCheckError(
      "duplicate_ids",
      `Cannot split: ${duplicated.length} ${key} values appear on more than one row: ${
        shown.join(", ")
      }`,
    );
  }
}

/** Refuses a target other than 0 or 1, naming the first offending row's id. */
export function checkTargets(
  target: string,
  key: string,
  ids: ArrayLike<number | string | null>,
  labels: ArrayLike<number | null>,
): void {
  let bad = 0;
  let first = -1;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) {
      bad++;
      if (first < 0) first = i;
    }
  }
  if (bad > 0) {
    throw new SplitCheckError(
      "target_values",
      `Cannot split: ${target} must be 0 or 1 but is ${labels[first]} for ${key} ${
        JSON.stringify(ids[first])
      } (${bad} rows)`,
    );
  }
}

/** Refuses ids found in both parts. */
export function checkDisjoint(
  key: string,
  trainIds: Iterable<number | string>,
  testIds: Iterable<number | string>,
): void {
  const train = new Set(trainIds);
  const shared = [...testIds].filter((id) => train.has(id));
  if (shared.length > 0) {
    throw new SplitCheckError(
      "ids_disjoint",
      `Cannot split: ${shared.length} ${key} values are in both train and test: ${
        shared.slice(0, 5).map((id) => JSON.stringify(id)).join(", ")
      }`,
    );
  }
}

/** Target rate of a part (share of 1s); NaN when the part is empty. */
export function targetRate(labels: ArrayLike<number>): number {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i];
  return positives / labels.length;
}

/** Refuses train and test target rates further apart than `tolerance`. */
export function checkTargetRates(trainRate: number, testRate: number, tolerance: number): void {
  const gap = Math.abs(trainRate - testRate);
  if (!(gap <= tolerance)) {
    throw new SplitCheckError(
      "target_rate",
      `Cannot split: target rate differs by ${gap.toFixed(6)} between train (${
        trainRate.toFixed(6)
      }) and test (${testRate.toFixed(6)}), more than target_rate_tolerance ${tolerance}`,
    );
  }
}
