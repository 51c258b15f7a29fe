/**
 * The latent model every table draws from: per applicant an application-side risk z_a,
 * a history-side risk z_h and a pensioner flag; TARGET is Bernoulli with
 * logit = intercept + WEIGHT_APP·z_a + WEIGHT_HISTORY·z_h + WEIGHT_PENSIONER·pensioner.
 */

/** Weight of the application-side latent risk in TARGET's logit. */
export const WEIGHT_APP = 1.0;
/** Weight of the history-side latent risk in TARGET's logit. */
export const WEIGHT_HISTORY = 0.9;
/** Shift for pensioners (Kaggle: 5.4% default vs 8.7% for others). */
export const WEIGHT_PENSIONER = -0.5;
/** Kaggle's share of DAYS_EMPLOYED = 365243 rows (55,374 / 307,511). */
export const PENSIONER_SHARE = 55374 / 307511;
/** Kaggle's default rate (24,825 / 307,511). */
export const DEFAULT_RATE = 24825 / 307511;

/**
 * Solves for the logit intercept that gives `rate` defaults on average, integrating the
 * logistic over the normal latent risk numerically (deterministic, no sampling).
 */
export function calibrateIntercept(rate: number = DEFAULT_RATE): number {
  const sd = Math.hypot(WEIGHT_APP, WEIGHT_HISTORY);
  const meanRate = (intercept: number): number => {
    let total = 0;
    let mass = 0;
    for (let z = -8; z <= 8; z += 0.01) {
      const density = Math.exp(-z * z / 2);
      const logit = intercept + sd * z;
      total += density * ((1 - PENSIONER_SHARE) * sigmoid(logit) +
        PENSIONER_SHARE * sigmoid(logit + WEIGHT_PENSIONER));
      mass += density;
    }
    return total / mass;
  };
  let lo = -10;
  let hi = 5;
  for (let step = 0; step < 60; step++) {
    const mid = (lo + hi) / 2;
    if (meanRate(mid) < rate) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The `scale` parameter for which floor(Exp(scale)) capped at `cap` has mean `mean`
 * (a geometric count: P(n ≥ k) = q^k with q = exp(-1/scale)).
 */
export function countScale(mean: number, cap: number): number {
  const cappedMean = (q: number): number => q * (1 - q ** cap) / (1 - q);
  if (cappedMean(1 - 1e-12) < mean) {
    throw new RangeError(`Cannot draw counts with mean ${mean}: the cap ${cap} is too low`);
  }
  let lo = 0;
  let hi = 1 - 1e-12;
  for (let step = 0; step < 100; step++) {
    const mid = (lo + hi) / 2;
    if (cappedMean(mid) < mean) lo = mid;
    else hi = mid;
  }
  return -1 / Math.log((lo + hi) / 2);
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
