/**
 * Student-t distribution with ν > 0 degrees of freedom (standard: location 0, scale 1): CDF, density, quantile.
 * Internal (used by parametric VaR/ES); callers validate ν and p. Accuracy ≤ 1e-12 relative against
 * scipy.stats.t (test/var/special.test.ts).
 */
import { inverseRegularizedBeta, logBeta, regularizedBeta, regularizedBetaComplement } from './beta.js';

/** P(T ≤ t) for T ~ t(ν). */
export function studentTCdf(t: number, nu: number): number {
  if (t === 0) return 0.5;
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  const t2 = t * t;
  // lower tail mass beyond |t|: ½ I_{ν/(ν+t²)}(ν/2, ½) = ½ (1 − I_{t²/(ν+t²)}(½, ν/2)); pick the well-conditioned form
  const tail = t2 < nu
    ? 0.5 * regularizedBetaComplement(t2 / (nu + t2), 0.5, nu / 2)
    : 0.5 * regularizedBeta(nu / (nu + t2), nu / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** Density of t(ν) at t. */
export function studentTPdf(t: number, nu: number): number {
  return Math.exp(-0.5 * (nu + 1) * Math.log1p((t * t) / nu) - 0.5 * Math.log(nu) - logBeta(nu / 2, 0.5));
}

/** The p-quantile of t(ν), 0 < p < 1. */
export function studentTQuantile(p: number, nu: number): number {
  if (p === 0.5) return 0;
  const q = p < 0.5 ? p : 1 - p; // one-sided tail mass
  let t: number;
  if (nu === 1) {
    t = 1 / Math.tan(Math.PI * q); // Cauchy: tan(π(p − ½)) = −cot(πp), accurate for small q
  } else if (nu === 2) {
    t = (1 - 2 * q) / Math.sqrt(2 * q * (1 - q));
  } else if (2 * q < 0.5) {
    // tail: I_x(ν/2, ½) = 2q with x = ν/(ν + t²)
    const x = inverseRegularizedBeta(2 * q, nu / 2, 0.5);
    t = Math.sqrt((nu * (1 - x)) / x);
  } else {
    // centre: I_y(½, ν/2) = 1 − 2q with y = t²/(ν + t²)
    const y = inverseRegularizedBeta(1 - 2 * q, 0.5, nu / 2);
    t = Math.sqrt((nu * y) / (1 - y));
  }
  return p < 0.5 ? -t : t;
}
