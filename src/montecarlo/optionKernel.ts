/**
 * Scalar option kernels of the simulation's hot loop, in forward terms and undiscounted: Black (for BSM and
 * Black-76, both priced on the forward F = S·e^{(r−y)τ}) and Bachelier. One `Math.exp` per Black price: the
 * lower-tail normal CDF is ½·erfcx(|d|/√2)·e^{−d²/2} (Cody's rational erfcx) and e^{−d₂²/2} = e^{−d₁²/2}·F/K.
 * Internal; the public API revalues through these and is tested against the greeks module's valuation.
 */
import { erfSmall, erfcxLarge, Phi, phi } from '../core/normal.js';

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;

/** Φ(−a) for a ≥ 0 given e = exp(−a²/2). */
function lowerTail(a: number, e: number): number {
  const y = a * SQRT1_2;
  if (y <= 0.46875) return 0.5 - 0.5 * erfSmall(y);
  return 0.5 * erfcxLarge(y) * e;
}

/**
 * Undiscounted Black price of a call (`call` true) or put on forward `F` > 0, strike `K` > 0, total vol
 * v = σ√τ > 0, with `lnFK` = ln(F/K) and `invK` = 1/K supplied by the caller (they come for free in the loop).
 */
export function blackKernel(F: number, K: number, invK: number, lnFK: number, v: number, call: boolean): number {
  const d1 = lnFK / v + 0.5 * v;
  const d2 = d1 - v;
  let t1: number;
  let t2: number;
  if (d1 > -30 && d1 < 30 && d2 > -30 && d2 < 30) {
    const e1 = Math.exp(-0.5 * d1 * d1);
    const e2 = e1 * F * invK; // exp(−d2²/2) = exp(−d1²/2)·F/K
    t1 = lowerTail(d1 < 0 ? -d1 : d1, e1);
    t2 = lowerTail(d2 < 0 ? -d2 : d2, e2);
  } else {
    t1 = Phi(-Math.abs(d1));
    t2 = Phi(-Math.abs(d2));
  }
  // t = Φ(−|d|); Φ(−d) = t if d ≥ 0 else 1 − t
  const m1 = d1 >= 0 ? t1 : 1 - t1; // Φ(−d1)
  const m2 = d2 >= 0 ? t2 : 1 - t2; // Φ(−d2)
  if (call) {
    // F·Φ(d1) − K·Φ(d2), from whichever side keeps the small terms small
    return d1 >= 0 ? F - K - F * m1 + K * m2 : F * (1 - m1) - K * (1 - m2);
  }
  return K * m2 - F * m1;
}

/** Undiscounted Bachelier price: call (F−K)Φ(d) + s·φ(d), put (K−F)Φ(−d) + s·φ(d), d = (F−K)/s, s > 0. */
export function bachelierKernel(F: number, K: number, s: number, call: boolean): number {
  const d = (F - K) / s;
  const ad = d < 0 ? -d : d;
  let t: number;
  let pdf: number;
  if (ad < 30) {
    const e = Math.exp(-0.5 * d * d);
    pdf = INV_SQRT_2PI * e;
    t = lowerTail(ad, e);
  } else {
    pdf = phi(ad);
    t = Phi(-ad);
  }
  const cdfD = d >= 0 ? 1 - t : t; // Φ(d)
  const cdfMinus = d >= 0 ? t : 1 - t; // Φ(−d)
  return call ? (F - K) * cdfD + s * pdf : (K - F) * cdfMinus + s * pdf;
}

/** Standard normal density (re-exported for the Greeks of the delta-gamma modes). */
export { phi as normalPdfFast, Phi as normalCdfFast };
