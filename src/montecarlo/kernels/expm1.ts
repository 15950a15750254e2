/**
 * Guarded by bench/workloads/linear.ts (every log-move).
 *
 * expm1 for the simulation's log-moves: a degree-15 Taylor polynomial on |x| ≤ 0.5 (a 1-day move beyond ±0.5 is a
 * 10-sigma event even at 90% annual vol), `Math.expm1` outside. Internal.
 *
 * Written as x + x·(x·P(x)), P = 1/2! + x/3! + … + x¹³/15! by Horner: the truncation error is below 1e-18
 * relative on |x| ≤ 0.5 and the rounding error under one ulp (the exact leading term x carries the result; the
 * correction is at most ~x/2 of it). Tested against mpmath and `Math.expm1`. The wasm kernel evaluates the same
 * operations in the same order (wasm/mcKernels.as.ts), so both give the same bits.
 */

/** Bound of the polynomial's range. */
export const EXPM1_POLY_LIMIT = 0.5;

const C2 = 0.5,
  C3 = 1 / 6,
  C4 = 1 / 24,
  C5 = 1 / 120,
  C6 = 1 / 720,
  C7 = 1 / 5040,
  C8 = 1 / 40320,
  C9 = 1 / 362880;
const C10 = 1 / 3628800,
  C11 = 1 / 39916800,
  C12 = 1 / 479001600,
  C13 = 1 / 6227020800,
  C14 = 1 / 87178291200;
const C15 = 1 / 1307674368000;

/** The polynomial alone (valid for |x| ≤ 0.5). */
export function expm1Poly(x: number): number {
  let q = C15 * x + C14;
  q = q * x + C13;
  q = q * x + C12;
  q = q * x + C11;
  q = q * x + C10;
  q = q * x + C9;
  q = q * x + C8;
  q = q * x + C7;
  q = q * x + C6;
  q = q * x + C5;
  q = q * x + C4;
  q = q * x + C3;
  q = q * x + C2;
  return x + x * (x * q);
}

/** e^x − 1: the polynomial on |x| ≤ 0.5, `Math.expm1` elsewhere (and for NaN/±Infinity). */
export function expm1Fast(x: number): number {
  return x <= EXPM1_POLY_LIMIT && x >= -EXPM1_POLY_LIMIT ? expm1Poly(x) : Math.expm1(x);
}
