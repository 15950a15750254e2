/**
 * The implied-vol solver shared by the scalar and batch entries: validation of one row into a module-level scratch,
 * the Let's Be Rational / normal-vol solve on it, and the errors naming the field. Guarded by
 * bench/workloads/impliedvol.ts (the scratch and constant slots are what keep the batch free of per-row allocation).
 */
import { RiskInputError } from '../../core/errors.js';
import { PLAUSIBLE } from '../../core/validate.js';
import { solveTimeValue } from '../lbr.js';
import { impliedNormalTotalVol } from '../impliedNormalVol.js';

/** The field blamed when the forward or discount factor over the horizon is not a finite, non-zero double. */
export function carryField(r: number, q: number, t: number): 'rate' | 'dividendYield' | 'expiry' {
  if (Math.abs(r) > PLAUSIBLE.rate.max && Math.abs(r) >= Math.abs(q) && Math.abs(r) >= t) return 'rate';
  if (Math.abs(q) > PLAUSIBLE.rate.max && Math.abs(q) >= t) return 'dividendYield';
  return 'expiry';
}

export const MODELS = ['bsm', 'black76', 'bachelier'] as const;
export const BSM = 0;
export const BLACK76 = 1;
export const BACHELIER = 2;
export const EPS = 2.220446049250313e-16;
/**
 * An in-the-money price within this many ulps of max(F, K)·discount of the intrinsic value is "no time value":
 * the intrinsic value itself carries a rounding error of that size, so the volatility is not determined by it.
 */
export const INTRINSIC_ULPS = 8;

// The row's inputs and the results of prepare()/solvePrepared(), in a typed array: V8 boxes a double passed to or
// returned from a function it does not inline (and a module-level `let` double on every write) into a new heap
// number, a typed-array slot holds it raw.
export const scr = new Float64Array(13);
export const LO = 0;
export const HI = 1;
export const FWD = 2;
export const DISC = 3;
/** Undiscounted price (bachelier). */
export const UNDISC = 4;
/** The row's expiry (for messages). */
export const EXP = 5;
/** Inputs of prepare(): spot (bsm) or forward, strike, expiry, rate, dividend yield, price. */
export const IN_X = 6;
export const IN_K = 7;
export const IN_T = 8;
export const IN_R = 9;
export const IN_Q = 10;
export const IN_PRICE = 11;
/** Output of solvePrepared(): σ. */
export const SIGMA = 12;
/** The normalised lognormal problem [β, xo, b_max, s] in the layout of lbr.ts's solveTimeValue (s its output). */
export const lbrIo = new Float64Array(4);

export const OK = 0;
export const OUTSIDE = 1;
export const EXPIRED = 2;
export const AT_UPPER = 3;
export const NO_TIME_VALUE = 4;
/** Bachelier only: σ overflows (a lognormal total vol stays below ~77, so σ ≤ 77/√(5e-324) is always finite). */
export const TOO_LARGE = 5;

/**
 * Forward, discount factor, the no-arbitrage bounds in the input's price units (lower = discounted intrinsic value
 * of the forward; upper = discounted forward (calls) / strike (puts) for the lognormal models, +∞ for Bachelier)
 * and the normalised problem, from the inputs IN_X … IN_PRICE into the scratch slots (the lognormal problem into
 * `lbrIo`). Returns OK, NO_TIME_VALUE (σ = 0), or an error status:
 * OUTSIDE the bounds, EXPIRED (time value at expiry 0), AT_UPPER (below the upper bound but indistinguishable from
 * it after normalisation, σ not representable).
 */
export function prepare(model: number, isCall: boolean, inverse: boolean, checkOnly: boolean): number {
  const x = scr[IN_X];
  const k = scr[IN_K];
  const t = scr[IN_T];
  const r = scr[IN_R];
  const q = scr[IN_Q];
  const price = scr[IN_PRICE];
  const disc = Math.exp(-r * t);
  const fwd = model === BSM ? x * Math.exp((r - q) * t) : x;
  const unit = inverse ? x : 1;
  const m = isCall ? fwd - k : k - fwd; // undiscounted intrinsic value (when > 0)
  const lo = (m > 0 ? disc * m : 0) / unit;
  const hi = model === BACHELIER ? Infinity : (disc * (isCall ? fwd : k)) / unit;
  scr[DISC] = disc;
  scr[FWD] = fwd;
  scr[LO] = lo;
  scr[HI] = hi;
  scr[EXP] = t;
  const tol = m > 0 ? (INTRINSIC_ULPS * EPS * disc * Math.max(Math.abs(fwd), Math.abs(k))) / unit : 0;
  if (price < lo - tol || price >= hi) return OUTSIDE;
  if (price <= lo + tol) return NO_TIME_VALUE;
  if (t === 0) return EXPIRED;
  // validation only: a lognormal price more than 1e-6 below the upper bound cannot be AT_UPPER after normalisation
  // (its normalised gap is ≥ 1e-6·e^{θx/2}, far above the rounding), so the normalisation can wait for the solve
  if (checkOnly && model !== BACHELIER && price <= hi * (1 - 1e-6)) return OK;
  const p = (price * unit) / disc;
  if (model === BACHELIER) {
    scr[UNDISC] = p;
    // s ≤ √(2π)·(time value + |F − K|/2) (the price is s·φ(0) − |F − K|/2 + o(1) for large s)
    return (2.5066282746310002 * (p + Math.abs(m))) / Math.sqrt(t) < 1e308 ? OK : TOO_LARGE;
  }
  // Normalised time value: the out-of-the-money-equivalent call price (p − (θ(F − K))⁺)/√(F·K) at xo = −|ln(F/K)|,
  // below its upper bound e^{xo/2} = √(min(F, K)/max(F, K)). F − K is exact for close F and K (Sterbenz).
  const sf = Math.sqrt(fwd);
  const sk = Math.sqrt(k);
  const b = (m > 0 ? p - m : p) / (sf * sk);
  if (!(b > 0)) return NO_TIME_VALUE;
  const bmax = fwd < k ? sf / sk : sk / sf;
  if (b >= bmax) return AT_UPPER;
  lbrIo[0] = b;
  lbrIo[1] = -Math.abs(Math.log(fwd / k));
  lbrIo[2] = bmax;
  return OK;
}

/** σ of a prepared row with status OK, into scr[SIGMA]. */
export function solvePrepared(model: number, isCall: boolean): void {
  let s: number;
  if (model === BACHELIER) {
    s = impliedNormalTotalVol(scr[UNDISC], scr[FWD], scr[IN_K], isCall ? 1 : -1);
  } else {
    solveTimeValue(lbrIo);
    s = lbrIo[3];
  }
  scr[SIGMA] = s > 0 ? s / Math.sqrt(scr[IN_T]) : 0;
}

export function fmt(v: number): string {
  return v === Infinity ? '∞' : String(v);
}

export function statusError(path: string, price: number, status: number, isCall: boolean): RiskInputError {
  if (status === TOO_LARGE) {
    return new RiskInputError(
      path,
      'a price whose implied volatility is a finite double',
      price,
      `σ = σ√T / √T overflows with expiry ${scr[EXP]}`,
    );
  }
  if (status === EXPIRED) {
    return new RiskInputError(
      path,
      `the intrinsic value ${fmt(scr[LO])} when expiry is 0 (no time value can remain)`,
      price,
    );
  }
  const detail =
    status === AT_UPPER
      ? 'the price is within rounding of the upper bound: the implied volatility is not representable'
      : `no-arbitrage bounds of this ${isCall ? 'call' : 'put'}: the discounted intrinsic value of the forward, and ${
          scr[HI] === Infinity ? 'no upper bound (bachelier)' : `the discounted ${isCall ? 'forward' : 'strike'}`
        }`;
  return new RiskInputError(path, `a number in [intrinsic, upper) = [${fmt(scr[LO])}, ${fmt(scr[HI])})`, price, detail);
}

/** Check the forward and discount factor are usable doubles. */
export function carryOk(): boolean {
  return Number.isFinite(scr[FWD]) && scr[DISC] > 0 && Number.isFinite(scr[DISC]);
}

export function finite(v: unknown, path: string, bounds: 'any' | 'pos' | 'nonneg'): number {
  if (
    typeof v !== 'number' ||
    !Number.isFinite(v) ||
    (bounds === 'pos' && !(v > 0)) ||
    (bounds === 'nonneg' && !(v >= 0))
  ) {
    throw new RiskInputError(
      path,
      bounds === 'pos' ? 'a finite number > 0' : bounds === 'nonneg' ? 'a finite number >= 0' : 'a finite number',
      v,
    );
  }
  return v;
}
