/**
 * The shadow pairs of a window: log rows that share a `pair_id`, one the champion's answer
 * and one the challenger's shadow row (`shadow` true), grouped by the two versions that
 * scored them. A row whose partner is not in the window (the challenger refused the row,
 * dropped it under load, or the window cut the pair) is counted as unpaired, not compared.
 */

/** What a pair needs of one log row. */
export interface PairedRow {
  pairId: string;
  /** True on the challenger's shadow row. */
  shadow: boolean;
  modelVersion: string;
  score: number;
  tier: string;
  /** The scoring call's milliseconds; NaN when the row did not log it. */
  latencyMs: number;
}

/** One version's side of a set of pairs, pair k at index k. */
export interface PairSide {
  version: string;
  scores: Float64Array;
  tiers: string[];
  latencyMs: Float64Array;
}

/** The pairs scored by one champion version and one challenger version. */
export interface VersionPairs {
  pairIds: string[];
  champion: PairSide;
  challenger: PairSide;
}

/** Every pair of a window, by versions, and the rows left without a partner. */
export interface ShadowPairs {
  /** Most pairs first (then by version names). */
  groups: VersionPairs[];
  unpaired: { champion: number; challenger: number };
}

/**
 * Pairs the rows of a window.
 * @example
 * ```ts
 * import { shadowPairs } from "./pairs.ts";
 * const row = { pairId: "r1", modelVersion: "v0001", score: 0.1, tier: "low", latencyMs: 1 };
 * const { groups } = shadowPairs([
 *   { ...row, shadow: false },
 *   { ...row, shadow: true, modelVersion: "v0002", score: 0.2 },
 * ]);
 * if (groups[0].challenger.scores[0] !== 0.2) throw new Error("expected one pair");
 * ```
 */
export function shadowPairs(rows: readonly PairedRow[]): ShadowPairs {
  const answers = new Map<string, PairedRow>();
  const shadows = new Map<string, PairedRow>();
  const duplicates = { champion: 0, challenger: 0 };
  for (const row of rows) {
    const side = row.shadow ? shadows : answers;
    // A pair id logged twice on one side cannot be told apart: the first row pairs.
    if (side.has(row.pairId)) duplicates[row.shadow ? "challenger" : "champion"]++;
    else side.set(row.pairId, row);
  }
  const byVersions = new Map<string, [PairedRow, PairedRow][]>();
  for (const [pairId, answer] of answers) {
    const shadow = shadows.get(pairId);
    if (shadow === undefined) continue;
    const key = JSON.stringify([answer.modelVersion, shadow.modelVersion]);
    let group = byVersions.get(key);
    if (group === undefined) byVersions.set(key, group = []);
    group.push([answer, shadow]);
  }
  const paired = [...byVersions.values()].reduce((sum, g) => sum + g.length, 0);
  const groups = [...byVersions.values()].map((group): VersionPairs => ({
    pairIds: group.map(([answer]) => answer.pairId),
    champion: sideOf(group.map(([answer]) => answer)),
    challenger: sideOf(group.map(([, shadow]) => shadow)),
  }));
  groups.sort((a, b) =>
    b.pairIds.length - a.pairIds.length ||
    a.champion.version.localeCompare(b.champion.version) ||
    a.challenger.version.localeCompare(b.challenger.version)
  );
  return {
    groups,
    unpaired: {
      champion: answers.size - paired + duplicates.champion,
      challenger: shadows.size - paired + duplicates.challenger,
    },
  };
}

function sideOf(rows: PairedRow[]): PairSide {
  return {
    version: rows[0].modelVersion,
    scores: Float64Array.from(rows, (r) => r.score),
    tiers: rows.map((r) => r.tier),
    latencyMs: Float64Array.from(rows, (r) => r.latencyMs),
  };
}
