/**
 * The progress of boosting rounds with early stopping: the bar ends at the round training
 * stopped at ("stopped early at round 99 of 600, best 49"), not at a filled 600/600.
 */
import { createProgress, type ProgressSink } from "./bar.ts";

/** What each round reports (the GBDT trainer's RoundInfo fits). */
export interface RoundReport {
  round: number;
  validAuc?: number;
}

/** A round bar. */
export interface RoundProgress {
  /** Call after each round. */
  onRound(info: RoundReport): void;
  /** Ends the bar; `bestRound` is the round kept when training stopped early. */
  end(bestRound?: number): void;
}

/**
 * Creates a round bar for `rounds` planned rounds.
 * @example
 * ```ts
 * import { createRoundProgress } from "./rounds.ts";
 * let text = "";
 * const progress = createRoundProgress("train gbdt", 3, {
 *   stream: { write: (chunk) => (text += chunk), isTerminal: false },
 * });
 * for (const round of [1, 2, 3]) progress.onRound({ round }); // e.g. as trainGbdt's onRound
 * progress.end(2);
 * if (!text.includes("train gbdt")) throw new Error(text);
 * ```
 */
export function createRoundProgress(
  label: string,
  rounds: number,
  options: { stream?: ProgressSink; now?: () => number } = {},
): RoundProgress {
  const progress = createProgress({ label, total: rounds, ...options });
  let last = 0;
  let auc = "";
  return {
    onRound(info) {
      last = info.round;
      auc = info.validAuc === undefined ? "" : ` valid AUC ${info.validAuc.toFixed(4)}`;
      progress.update(info.round, `round ${info.round}${auc}`);
    },
    end(bestRound) {
      if (last > 0 && last < rounds) {
        const best = bestRound === undefined ? "" : `, best ${bestRound}`;
        progress.stop(`stopped early at round ${last} of ${rounds}${best}`);
      } else {
        progress.finish(last > 0 ? `round ${last}${auc}` : undefined);
      }
    },
  };
}
