/**
 * Keeps the folds of a GBDT cross-validation in step: each fold reports its validation
 * score after a round and waits until every fold has reported that round; one decision,
 * taken on the mean of the folds' scores, then ends or continues all of them together.
 * The decision depends only on the scores, never on which fold arrived first.
 */

/** What the barrier decides with: the round and each fold's score at it. */
export type RoundDecision = (round: number, scores: Float64Array) => boolean;

/** The barrier the folds share. */
export interface RoundBarrier {
  /** Records `fold`'s score at `round`; resolves to true when every fold must stop. */
  arrive(fold: number, round: number, score: number): Promise<boolean>;
  /** Stops every fold (one failed): pending and later arrivals resolve to true. */
  abort(): void;
}

interface Pending {
  scores: Float64Array;
  arrived: number;
  resolve: (stop: boolean) => void;
  promise: Promise<boolean>;
}

/** A barrier for `folds` folds, deciding with `decide`. */
export function createRoundBarrier(folds: number, decide: RoundDecision): RoundBarrier {
  const pending = new Map<number, Pending>();
  let aborted = false;
  return {
    arrive(fold, round, score) {
      if (aborted) return Promise.resolve(true);
      let entry = pending.get(round);
      if (entry === undefined) {
        const { promise, resolve } = Promise.withResolvers<boolean>();
        entry = { scores: new Float64Array(folds), arrived: 0, resolve, promise };
        pending.set(round, entry);
      }
      entry.scores[fold] = score;
      entry.arrived++;
      if (entry.arrived === folds) {
        pending.delete(round);
        entry.resolve(decide(round, entry.scores));
      }
      return entry.promise;
    },
    abort() {
      aborted = true;
      for (const entry of pending.values()) entry.resolve(true);
      pending.clear();
    },
  };
}
