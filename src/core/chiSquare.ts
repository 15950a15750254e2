/**
 * Chi-square distribution with k > 0 degrees of freedom: CDF and survival function (the p-value of a
 * likelihood-ratio statistic). Internal (used by the VaR backtests); callers validate inputs. Exact to ≤ 1e-13
 * against scipy.stats.chi2 (test/var/special.test.ts).
 */
import { regularizedGammaP, regularizedGammaQ } from './gamma.js';

/** P(X ≤ x) for X ~ χ²(k). */
export function chiSquareCdf(x: number, k: number): number {
  return x <= 0 ? 0 : regularizedGammaP(k / 2, x / 2);
}

/** P(X > x) for X ~ χ²(k), without the cancellation of 1 − CDF. */
export function chiSquareSurvival(x: number, k: number): number {
  return x <= 0 ? 1 : regularizedGammaQ(k / 2, x / 2);
}
