/**
 * Cholesky factorisation and solve for the symmetric positive-definite Newton systems
 * of the logistic fit, over a dense row-major Float64Array.
 */

/**
 * Factors the n×n matrix `a` (lower triangle read) in place into L with a = L·Lᵀ.
 * Throws a RangeError when `a` is not positive definite.
 */
export function choleskyFactor(a: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) {
    let diagonal = a[j * n + j];
    for (let k = 0; k < j; k++) diagonal -= a[j * n + k] * a[j * n + k];
    if (!(diagonal > 0)) {
      throw new RangeError(
        `Cannot factor matrix: it is not positive definite (pivot ${j} is ${diagonal})`,
      );
    }
    const pivot = Math.sqrt(diagonal);
    a[j * n + j] = pivot;
    for (let i = j + 1; i < n; i++) {
      let sum = a[i * n + j];
      for (let k = 0; k < j; k++) sum -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = sum / pivot;
    }
  }
}

/** Solves L·Lᵀ·x = b for x, given the factor from `choleskyFactor`; returns a new array. */
export function choleskySolve(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let sum = x[i];
    for (let k = 0; k < i; k++) sum -= l[i * n + k] * x[k];
    x[i] = sum / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = x[i];
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i] * x[k];
    x[i] = sum / l[i * n + i];
  }
  return x;
}
