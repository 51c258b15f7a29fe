/**
 * Successive halving on boosting rounds, as ASHA does it but rung by rung: every trial
 * trains `min_rounds` rounds, the top 1/eta by CV AUC go on to `min_rounds · eta`, and so
 * on up to the full rounds. Rungs are closed before promotion (not promoted as results
 * arrive), so which trials go on depends only on their scores, never on how many ran at once.
 */

/**
 * The rounds of each rung: min_rounds · eta^k below max_rounds, then max_rounds.
 * @example
 * ```ts
 * import { rungRounds } from "./halving.ts";
 * const rungs = rungRounds(25, 3, 600); // [25, 75, 225, 600]
 * if (rungs.join() !== "25,75,225,600") throw new Error(rungs.join());
 * ```
 */
export function rungRounds(minRounds: number, eta: number, maxRounds: number): number[] {
  if (minRounds > maxRounds) {
    throw new RangeError(
      `Cannot build the halving rungs: tune.halving.min_rounds ${minRounds} is above train.gbdt.n_rounds ${maxRounds}`,
    );
  }
  const rungs: number[] = [];
  for (let rounds = minRounds; rounds < maxRounds; rounds *= eta) rungs.push(rounds);
  rungs.push(maxRounds);
  return rungs;
}

/** A trial's score at a rung, as the promotion sees it. */
export interface RungScore {
  trial: number;
  auc: number;
}

/**
 * The trials promoted out of a rung: the best ⌊n / eta⌋ of its n by AUC (ties: the lower
 * trial number), at least one when any has a finite AUC; returned in trial order.
 * @example
 * ```ts
 * import { promoteTrials } from "./halving.ts";
 * const up = promoteTrials([{ trial: 0, auc: 0.7 }, { trial: 1, auc: 0.8 }, { trial: 2, auc: 0.75 }], 3);
 * if (up.join() !== "1") throw new Error(up.join());
 * ```
 */
export function promoteTrials(scores: readonly RungScore[], eta: number): number[] {
  const ranked = scores.filter((s) => Number.isFinite(s.auc))
    .sort((a, b) => b.auc - a.auc || a.trial - b.trial);
  const keep = Math.min(ranked.length, Math.max(1, Math.floor(scores.length / eta)));
  return ranked.slice(0, keep).map((s) => s.trial).sort((a, b) => a - b);
}
