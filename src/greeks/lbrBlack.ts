/**
 * The normalised Black call b(x, s) of "Let's Be Rational" to full relative precision, in the paper's four regions,
 * with its vega and the gap b_max − b (see `lbr.ts` for the notation). Guarded by bench/workloads/impliedvol.ts: the
 * hot function {@link otmBlackAndVega} reads and writes the state slots of `lbrShared.ts` instead of taking and
 * returning doubles (no heap numbers per call). Internal.
 */
import { erfcxNonNeg } from '../core/normal.js';
import {
  FOURTH_ROOT_EPS,
  INV_SQRT_2PI,
  INV_SQRT2,
  SQRT_PI_OVER_2,
  ETA,
  TAU,
  st,
  X,
  BMAX,
  S_ARG,
  B,
  VEGA,
  GAP,
} from './lbrShared.js';

/** exp(y²)·erfc(y) for any real y (erfcx(−y) = 2·exp(y²) − erfcx(y)); y ≥ −26 in every use here. */
export function erfcxAny(y: number): number {
  if (y >= 0) return erfcxNonNeg(y);
  return 2 * Math.exp(y * y) - erfcxNonNeg(-y);
}

/** Normalised intrinsic value of a call, max(exp(x/2) − exp(−x/2), 0) = 2·sinh(x/2)⁺, accurate for small x. */
export function normalisedIntrinsicCall(x: number): number {
  if (x <= 0) return 0;
  const x2 = x * x;
  if (x2 < 98 * FOURTH_ROOT_EPS) {
    // Taylor series of 2·sinh(x/2); the last coefficient 1/92897280 fixes the cut-off (98 ≈ 92897280^(1/4)).
    return x * (1 + x2 * (1 / 24 + x2 * (1 / 1920 + x2 * (1 / 322560 + x2 / 92897280))));
  }
  return Math.exp(0.5 * x) - Math.exp(-0.5 * x);
}

/**
 * Region I (h = x/s < η, h + t well below 0): b = exp(−(h²+t²)/2)/√(2π) · [Y(h+t) − Y(h−t)] with Y(z) = Φ(z)/φ(z),
 * and Y(−u) = (1/u)·Σₙ (−1)ⁿ(2n−1)!!/u²ⁿ (Abramowitz–Stegun 26.2.12). With u = −(h+t), v = −(h−t) = u + 2t the
 * n-th term of the difference is (−1)ⁿ(2n−1)!!·u^−(2n+1)·[1 − (u/v)^(2n+1)], and 1 − (u/v)^m = −expm1(m·log1p(−2t/v))
 * carries no cancellation however small t is. The series is summed until its terms stop shrinking (|u| ≥ 9.8 makes
 * the smallest term ≲ 1e-20 of the first).
 */
export function asymptoticBlack(h: number, t: number, e: number): number {
  const u = -(h + t);
  const v = u + 2 * t;
  const l = Math.log1p((-2 * t) / v);
  const iu2 = 1 / (u * u);
  let pw = 1 / u; // u^−(2n+1)
  let df = 1; // (2n−1)!!, signed
  let sum = 0;
  let prev = Infinity;
  for (let n = 0; n < 60; n++) {
    const m = 2 * n + 1;
    const term = df * pw * -Math.expm1(m * l);
    const a = Math.abs(term);
    if (a > prev) break;
    sum += term;
    if (a <= 1e-17 * Math.abs(sum)) break;
    prev = a;
    pw *= iu2;
    df *= -m;
  }
  return INV_SQRT_2PI * e * sum;
}

/**
 * Region II (t = s/2 < τ ≈ 0.21): Y(h+t) − Y(h−t) = 2·Σₖ Y⁽²ᵏ⁺¹⁾(h)·t²ᵏ⁺¹/(2k+1)!, k = 0…6, with the derivatives of
 * Y = Φ/φ from Y' = 1 + h·Y and Y⁽ⁿ⁺¹⁾ = h·Y⁽ⁿ⁾ + n·Y⁽ⁿ⁻¹⁾ (n ≥ 1). Y(h) = √(π/2)·erfcx(−h/√2).
 */
export function smallTBlack(h: number, t: number, e: number): number {
  const y0 = SQRT_PI_OVER_2 * erfcxAny(-INV_SQRT2 * h);
  let prev = y0; // Y^(n−1)
  let cur = 1 + h * y0; // Y^(n), n = 1
  const t2 = t * t;
  let coef = t; // t^(2k+1)/(2k+1)!
  let sum = cur * coef;
  for (let n = 1; n < 13; n++) {
    const next = h * cur + n * prev;
    prev = cur;
    cur = next;
    if ((n & 1) === 0) {
      // cur is Y^(n+1) with n+1 odd
      coef *= t2 / (n * (n + 1));
      sum += cur * coef;
    }
  }
  return 2 * INV_SQRT_2PI * e * sum;
}

/**
 * Region III (h + t > 0.85, b close to b_max = e^{x/2}): b = b_max − ½·exp(−(h²+t²)/2)·[erfcx((h+t)/√2) + erfcx((t−h)/√2)],
 * i.e. b_max − b_max·Φ(−h−t) − Φ(h−t)/b_max with Φ(z) = ½·erfcx(−z/√2)·exp(−z²/2) and x/2 = h·t. The subtracted gap
 * is computed without cancellation and is at most ~15% of b_max, so b keeps full precision; `e` = exp(−(h²+t²)/2).
 */
export function cdfGap(h: number, t: number, e: number): number {
  return 0.5 * e * (erfcxNonNeg(INV_SQRT2 * (h + t)) + erfcxNonNeg(INV_SQRT2 * (t - h)));
}

/**
 * Out-of-the-money (x ≤ 0, s > 0, b_max = e^{x/2}) normalised Black call, with the normalised vega and the gap
 * b_max − b — all sharing the one exponential exp(−(h²+t²)/2). Regions as in the paper: I asymptotic expansion
 * (h < η), II small-t expansion (t < τ), III b near b_max (h + t > 0.85), IV erfcx form.
 * Reads X, S_ARG, BMAX; writes B, VEGA, GAP.
 */
export function otmBlackAndVega(): void {
  const x = st[X];
  const s = st[S_ARG];
  const h = x / s;
  const t = 0.5 * s;
  const e = Math.exp(-0.5 * (h * h + t * t));
  st[VEGA] = INV_SQRT_2PI * e;
  let b: number;
  if (x < s * ETA && 0.5 * s * s + x < s * (TAU + ETA)) {
    b = asymptoticBlack(h, t, e);
  } else if (t < TAU) {
    b = smallTBlack(h, t, e);
  } else if (x + 0.5 * s * s > s * 0.85) {
    const gap = cdfGap(h, t, e);
    st[GAP] = gap;
    b = st[BMAX] - gap;
    st[B] = b > 0 ? b : 0;
    return;
  } else {
    b = 0.5 * e * (erfcxAny(-INV_SQRT2 * (h + t)) - erfcxNonNeg(-INV_SQRT2 * (h - t)));
  }
  if (!(b > 0)) b = 0;
  st[GAP] = st[BMAX] - b;
  st[B] = b;
}

/**
 * Normalised Black call b(x, s) = Φ(x/s + s/2)·exp(x/2) − Φ(x/s − s/2)·exp(−x/2), s ≥ 0, to full relative precision
 * (in-the-money calls as intrinsic + the out-of-the-money value, by put–call symmetry).
 */
export function normalisedBlackCall(x: number, s: number): number {
  if (x > 0) return normalisedIntrinsicCall(x) + normalisedBlackCall(-x, s);
  if (s <= 0) return 0;
  st[X] = x;
  st[S_ARG] = s;
  st[BMAX] = Math.exp(0.5 * x);
  otmBlackAndVega();
  return st[B];
}
