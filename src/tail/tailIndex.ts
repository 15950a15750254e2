/**
 * The rank k = ⌈n·α⌉ of the historical VaR order statistic, robust to binary rounding of n·α.
 *
 * Rule: p = n·α in floating point; if p lies within 1e-12·p of an integer r, k = r; otherwise k = ⌈p⌉. Then k is
 * clamped to [1, n]. The float product n·α carries at most ~2.2e-16 relative error (one rounding of α, one of the
 * product), so the 1e-12 band only absorbs that noise: 100 × 0.07 = 7.000000000000001 gives k = 7 (a naive ceil
 * gives 8), 100 × 0.57 = 56.99999999999999 gives 57. A confidence carrying more than 12 significant digits that
 * happens to land within 1e-12 of an integer is treated as that integer.
 */
export function tailRank(n: number, alpha: number): number {
  const k = ceilRobust(n * alpha);
  return k < 1 ? 1 : k > n ? n : k;
}

/** ⌈p⌉, except that a p within 1e-12·p of an integer is that integer (see {@link tailRank}). */
export function ceilRobust(p: number): number {
  const r = Math.round(p);
  return Math.abs(p - r) <= 1e-12 * Math.abs(p) ? r : Math.ceil(p);
}

/**
 * The fewest observations that leave at least one whole observation in the (1 − α) tail: ⌈1/(1 − α)⌉ with the
 * same rounding rule (α = 0.99 → 100, α = 0.975 → 40).
 */
export function minObservations(alpha: number): number {
  return Math.max(1, ceilRobust(1 / (1 - alpha)));
}
