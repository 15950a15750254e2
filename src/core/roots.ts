/**
 * Root finding, written once for every module (netting liquidation prices, reverse stress, …). Internal.
 */
import { RiskInputError } from './errors.js';

/**
 * Brent's method (R. P. Brent, "Algorithms for Minimization without Derivatives", 1973, ch. 4; the zbrent
 * form of Numerical Recipes) on [a, b] with f(a) ≥ 0 > f(b). Besides Brent's own iterate it keeps the tightest
 * sign bracket seen, [lo, hi] with f(lo) ≥ 0 > f(hi), and stops when that is narrower than `tol`.
 */
export function brentBracket(
  f: (x: number) => number,
  a: number,
  b: number,
  fa: number,
  fb: number,
  tol: number,
  maxIter = 300,
): { lo: number; hi: number } {
  if (!(fa >= 0 && fb < 0)) throw new RiskInputError('bracket', 'an interval with f(a) >= 0 > f(b)', [a, b]);
  let lo = a;
  let hi = b;
  let c = b;
  let fc = fb;
  let d = b - a;
  let e = d;
  for (let it = 0; it < maxIter && Math.abs(hi - lo) > tol; it++) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) break;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm >= 0 ? tol1 : -tol1;
    fb = f(b);
    if (fb >= 0) {
      if (b > lo && b < hi) lo = b;
    } else if (b < hi && b > lo) {
      hi = b;
    }
  }
  // Brent stops at an exact zero (the boundary itself is not broken) or when its own interval is small; finish the
  // sign bracket by bisection so that hi − lo ≤ tol whatever Brent did.
  for (let it = 0; it < 200 && hi - lo > tol; it++) {
    const mid = lo + 0.5 * (hi - lo);
    if (mid <= lo || mid >= hi) break;
    if (f(mid) >= 0) lo = mid;
    else hi = mid;
  }
  return { lo, hi };
}
