/**
 * Black implied volatility by Peter Jäckel's "Let's Be Rational" (Wilmott 2015(75), 40–53; the 2016 revision of the
 * paper): the normalised Black function evaluated without cancellation in four regions, a rational initial guess
 * from four branches (two transformed outer branches, two rational-cubic middle branches), and at most two
 * Householder(3) steps on a branch-specific objective — machine precision in the normalised volatility.
 *
 * Internal: not re-exported from any public index. Notation: x = ln(F/K), s = σ·√T (total volatility),
 * θ = +1 call / −1 put, β = undiscounted price / √(F·K) (the normalised price).
 *
 * Written from the paper's mathematics (the small-t and asymptotic expansions below are evaluated through our own
 * recurrences rather than the paper's expanded polynomials).
 */
import { erfcxNonNeg } from '../core/normal.js';
import { convexControl, rationalCubic } from './lbrRationalCubic.js';
import { otmBlackAndVega, normalisedIntrinsicCall, normalisedBlackCall } from './lbrBlack.js';
import {
  EPS,
  DBL_MIN,
  DBL_MAX,
  SQRT_DBL_MAX,
  INV_SQRT_2PI,
  INV_SQRT2,
  SQRT_PI_OVER_2,
  SQRT3,
  INV_SQRT3,
  TWO_PI,
  TWO_PI_OVER_SQRT27,
  PI_OVER_6,
  MAX_ITERATIONS,
  st,
  X,
  BMAX,
  BETA,
  S_ARG,
  B,
  VEGA,
  GAP,
  MAP_F,
  MAP_FP,
  MAP_FPP,
  S,
  LEFT,
  RIGHT,
} from './lbrShared.js';

export { normalisedBlackCall, normalisedIntrinsicCall } from './lbrBlack.js';

/**
 * Lower map f(β) = (2π/√27)·|x|·Φ(−z)³, z = |x|/(√3·s), which is nearly linear in β for β → 0, with its first and second
 * derivative with respect to β at s. Reads X, S_ARG; writes MAP_F, MAP_FP, MAP_FPP.
 */
function lowerMap(): void {
  const x = st[X];
  const s = st[S_ARG];
  const ax = Math.abs(x);
  const z = (INV_SQRT3 * ax) / s;
  const y = z * z;
  const s2 = s * s;
  // Φ(−z) = ½·erfcx(z/√2)·e^{−y/2}; the powers of Φ(−z) times e^{y}, e^{2y} are taken analytically (no overflow)
  const ex = erfcxNonNeg(INV_SQRT2 * z);
  const ey = Math.exp(-0.5 * y);
  const es = Math.exp(0.125 * s2);
  const ratio = SQRT_PI_OVER_2 * ex; // Φ(−z)/φ(z)
  // f'' = (π/6)·y/s³·Φ(−z)·(8√3·s·|x| + (3s²(s² − 8) − 8x²)·Φ(−z)/φ(z))·e^{2y + s²/4}
  st[MAP_FPP] =
    ((PI_OVER_6 * y) / (s2 * s)) *
    (0.5 * ex * ((es * es) / (ey * ey * ey))) *
    (8 * SQRT3 * s * ax + (3 * s2 * (s2 - 8) - 8 * x * x) * ratio);
  // f' = 2π·y·Φ(−z)²·e^{y + s²/8}
  st[MAP_FP] = TWO_PI * y * (0.25 * ex * ex) * es;
  // f = (2π/√27)·|x|·Φ(−z)³
  const cdf = 0.5 * ex * ey;
  st[MAP_F] = TWO_PI_OVER_SQRT27 * ax * (cdf * cdf * cdf);
}

/**
 * Inverse normal CDF to ~1e-9 relative (P. J. Acklam's rational approximation) — enough for an initial guess that
 * the Householder steps then polish; the exact quantile (normalQuantile) costs a Newton step with two exponentials.
 */
function approxQuantile(p: number): number {
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((-7.784894002430293e-3 * q - 0.3223964580411365) * q - 2.400758277161838) * q - 2.549732539343734) * q +
        4.374664141464968) *
        q +
        2.938163982698783) /
      ((((7.784695709041462e-3 * q + 0.3224671290700398) * q + 2.445134137142996) * q + 3.754408661907416) * q + 1)
    );
  }
  if (p > 0.97575) return -approxQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((-39.69683028665376 * r + 220.9460984245205) * r - 275.9285104469687) * r + 138.357751867269) * r -
      30.66479806614716) *
      r +
      2.506628277459239) *
      q) /
    (((((-54.47609879822406 * r + 161.5858368580409) * r - 155.6989798598866) * r + 66.80131188771972) * r -
      13.28068155288572) *
      r +
      1)
  );
}

function inverseLowerMap(x: number, f: number): number {
  if (f <= 0) return 0;
  return Math.abs(x / (SQRT3 * approxQuantile(Math.cbrt(f / (TWO_PI_OVER_SQRT27 * Math.abs(x))))));
}

/** Upper map f(β) = Φ(−s/2), with its derivatives with respect to β at s. Reads X, S_ARG; writes MAP_F, MAP_FP, MAP_FPP. */
function upperMap(): void {
  const x = st[X];
  const s = st[S_ARG];
  const em = Math.exp(-0.125 * s * s);
  st[MAP_F] = 0.5 * erfcxNonNeg(INV_SQRT2 * 0.5 * s) * em; // Φ(−s/2)
  const w = (x / s) * (x / s);
  const ew = Math.exp(0.5 * w);
  st[MAP_FP] = -0.5 * ew;
  st[MAP_FPP] = SQRT_PI_OVER_2 * ((ew * ew) / em) * (w / s); // √(π/2)·e^{w + s²/8}·w/s
}

function householderFactor(newton: number, halley: number, hh3: number): number {
  return (1 + 0.5 * halley * newton) / (1 + newton * (halley + (hh3 * newton) / 6));
}

/** Branch ids of the objective function used by the iteration. */
const OBJ_LOWER = 0;
const OBJ_MIDDLE = 1;
const OBJ_UPPER = 2;

/**
 * The rational-cubic problem of lbrRationalCubic.ts, [xl, xr, yl, yr, dl, dr, d2, r]: through (xl, yl), (xr, yr) with
 * end slopes dl, dr and end curvature d2; r is written by convexControl.
 */
const cubic = new Float64Array(8);

/**
 * Normalised implied volatility s > 0 of an out-of-the-money call: x ≤ 0, 0 < β < b_max = exp(x/2), from the rational
 * guess of its branch and {@link householderIterations}. No validation (callers check the bounds).
 * Reads BETA, X, BMAX; writes S (and every scratch slot).
 */
function impliedNormalisedOtmCall(): void {
  const beta = st[BETA];
  const x = st[X];
  const bmax = st[BMAX];
  let s: number;
  let sLeft = DBL_MIN;
  let sRight = DBL_MAX;
  let objective = OBJ_MIDDLE;
  // at s_c = √(2|x|): h + t = 0, so b_c = ½·b_max·(1 − erfcx(√|x|)) and v_c = b_max/√(2π) in closed form
  const sc = Math.sqrt(Math.abs(2 * x));
  const bc = 0.5 * bmax * (1 - erfcxNonNeg(Math.sqrt(-x)));
  const vc = INV_SQRT_2PI * bmax;
  if (beta < bc) {
    const sl = sc - bc / vc;
    if (!(sl > 0)) {
      // |x| below ~1e-16: b(s) ≈ s/√(2π) for the tiny prices that land here; iterate on b(s) − β from that guess
      st[S] = beta / INV_SQRT_2PI;
      st[LEFT] = DBL_MIN;
      st[RIGHT] = sc;
      householderIterations(OBJ_MIDDLE);
      return;
    }
    st[S_ARG] = sl;
    otmBlackAndVega();
    const bl = st[B];
    const vl = st[VEGA];
    if (beta < bl) {
      lowerMap();
      const fl = st[MAP_F];
      cubic[0] = 0;
      cubic[1] = bl;
      cubic[2] = 0;
      cubic[3] = fl;
      cubic[4] = 1;
      cubic[5] = st[MAP_FP];
      cubic[6] = st[MAP_FPP];
      convexControl(cubic, true, true);
      let f = rationalCubic(cubic, beta);
      if (!(f > 0)) {
        // quadratic through f(0) = 0, f(b_l), f'(0) = 1 (round-off for extreme |x|)
        const t = beta / bl;
        f = (fl * t + bl * (1 - t)) * t;
      }
      s = inverseLowerMap(x, f);
      sRight = sl;
      objective = OBJ_LOWER;
    } else {
      cubic[0] = bl;
      cubic[1] = bc;
      cubic[2] = sl;
      cubic[3] = sc;
      cubic[4] = 1 / vl;
      cubic[5] = 1 / vc;
      cubic[6] = 0;
      convexControl(cubic, true, false);
      s = rationalCubic(cubic, beta);
      sLeft = sl;
      sRight = sc;
    }
  } else {
    const sh = vc > DBL_MIN ? sc + (bmax - bc) / vc : sc;
    st[S_ARG] = sh;
    otmBlackAndVega();
    const bh = st[B];
    const vh = st[VEGA];
    if (beta <= bh) {
      cubic[0] = bc;
      cubic[1] = bh;
      cubic[2] = sc;
      cubic[3] = sh;
      cubic[4] = 1 / vc;
      cubic[5] = 1 / vh;
      cubic[6] = 0;
      convexControl(cubic, false, false);
      s = rationalCubic(cubic, beta);
      sLeft = sc;
      sRight = sh;
    } else {
      upperMap();
      const fh = st[MAP_F];
      const fpp = st[MAP_FPP];
      let f = -DBL_MAX;
      if (-SQRT_DBL_MAX < fpp && fpp < SQRT_DBL_MAX) {
        cubic[0] = bh;
        cubic[1] = bmax;
        cubic[2] = fh;
        cubic[3] = 0;
        cubic[4] = st[MAP_FP];
        cubic[5] = -0.5;
        cubic[6] = fpp;
        convexControl(cubic, false, true);
        f = rationalCubic(cubic, beta);
      }
      if (f <= 0) {
        // quadratic through f(b_h), f(b_max) = 0, f'(b_max) = −1/2
        const h = bmax - bh;
        const t = (beta - bh) / h;
        f = (fh * (1 - t) + 0.5 * h * t) * (1 - t);
      }
      s = -2 * approxQuantile(f);
      sLeft = sh;
      if (beta > 0.5 * bmax) objective = OBJ_UPPER;
    }
  }
  st[S] = s;
  st[LEFT] = sLeft;
  st[RIGHT] = sRight;
  householderIterations(objective);
}

/**
 * At most {@link MAX_ITERATIONS} Householder(3) steps from the guess s on the branch's objective:
 * lower g = 1/ln b(s) − 1/ln β; middle g = b(s) − β; upper g = ln(b_max − β) − ln(b_max − b(s)).
 * b''/b' = h²/s − s/4 and b'''/b' = (b''/b')² − 3h²/s² − 1/4 with h = x/s. A step leaving the bracket (or a third
 * direction reversal) is replaced by bisection of the bracket, as in the paper.
 * Reads BETA, X, BMAX, S (the guess), LEFT, RIGHT; writes S (the solution).
 */
function householderIterations(objective: number): void {
  const beta = st[BETA];
  const x = st[X];
  const bmax = st[BMAX];
  let s = st[S];
  let sLeft = st[LEFT];
  let sRight = st[RIGHT];
  let ds = -DBL_MAX;
  let dsPrev = 0;
  let reversals = 0;
  const lnBeta = objective === OBJ_LOWER ? Math.log(beta) : 0;
  for (let it = 0; it < MAX_ITERATIONS && Math.abs(ds) > EPS * s; it++) {
    if (ds * dsPrev < 0) reversals++;
    if (it > 0 && (reversals === 3 || !(s > sLeft && s < sRight))) {
      s = 0.5 * (sLeft + sRight);
      if (sRight - sLeft <= EPS * s) break;
      reversals = 0;
      ds = 0;
    }
    dsPrev = ds;
    st[S_ARG] = s;
    otmBlackAndVega();
    const b = st[B];
    const bp = st[VEGA];
    if (b > beta && s < sRight) sRight = s;
    else if (b < beta && s > sLeft) sLeft = s;
    const h = x / s;
    const bHalley = (h * h) / s - 0.25 * s;
    const bHh3 = bHalley * bHalley - 3 * (h / s) * (h / s) - 0.25;
    if (objective === OBJ_LOWER) {
      if (b <= 0 || bp <= 0) {
        ds = 0.5 * (sLeft + sRight) - s;
      } else {
        const lnB = Math.log(b);
        const bpob = bp / b;
        const newton = ((lnBeta - lnB) * lnB) / lnBeta / bpob;
        const k = 1 + 2 / lnB;
        const halley = bHalley - bpob * k;
        const hh3 = bHh3 + 2 * bpob * bpob * (1 + (3 / lnB) * (1 + 1 / lnB)) - 3 * bHalley * bpob * k;
        ds = newton * householderFactor(newton, halley, hh3);
      }
    } else if (objective === OBJ_UPPER) {
      // b_max − b(s) from region III's b_max·Φ(−h−t) + Φ(h−t)/b_max, without the cancellation of b_max − b
      const gap = st[GAP];
      if (!(gap > 0) || bp <= DBL_MIN) {
        ds = 0.5 * (sLeft + sRight) - s;
      } else {
        const g = Math.log((bmax - beta) / gap);
        const gp = bp / gap;
        const newton = -g / gp;
        const halley = bHalley + gp;
        const hh3 = bHh3 + gp * (2 * gp + 3 * bHalley);
        ds = newton * householderFactor(newton, halley, hh3);
      }
    } else {
      const newton = (beta - b) / bp;
      ds = newton * householderFactor(newton, bHalley, bHh3);
    }
    if (ds < -0.5 * s) ds = -0.5 * s;
    s += ds;
  }
  st[S] = s;
}

/**
 * Time value of a normalised price β of a call (θ = 1) or put (θ = −1) at x = ln(F/K), expressed as the price of the
 * equivalent out-of-the-money call at −|x| (put–call symmetry b_put(x) = b_call(−x), in-the-money = intrinsic +
 * out-of-the-money). Negative when β is below the normalised intrinsic value.
 */
export function normalisedTimeValue(beta: number, x: number, theta: number): number {
  const tx = theta * x;
  return tx > 0 ? beta - normalisedIntrinsicCall(tx) : beta;
}

/**
 * Normalised implied volatility s = σ√T of an out-of-the-money call, the allocation-free form for batches: reads
 * io = [b, xo, b_max, ·] — normalised price b ({@link normalisedTimeValue}) at xo = −|x| ≤ 0 with b_max = e^{xo/2} —
 * and writes s to io[3]: 0 when b ≤ 0, +Infinity when b ≥ b_max (the upper bound), else the LBR solution (with a
 * bisection safety net for round-off-dominated extremes). Never NaN for finite inputs.
 */
export function solveTimeValue(io: Float64Array): void {
  const b = io[0];
  const xo = io[1];
  const bmax = io[2];
  if (!(b > 0)) {
    io[3] = 0;
    return;
  }
  if (b >= bmax) {
    io[3] = Infinity;
    return;
  }
  st[BETA] = b;
  st[X] = xo;
  st[BMAX] = bmax;
  impliedNormalisedOtmCall();
  const s = st[S];
  io[3] = s > 0 && s < Infinity ? s : bisectNormalised(b, xo);
}

/** {@link solveTimeValue} for arguments: s for normalised time value b at xo = −|x| ≤ 0 with b_max = e^{xo/2}. */
export function impliedFromTimeValue(b: number, xo: number, bmax: number): number {
  const io = new Float64Array(4);
  io[0] = b;
  io[1] = xo;
  io[2] = bmax;
  solveTimeValue(io);
  return io[3];
}

/**
 * Normalised implied volatility s = σ√T for a normalised price β of a call (θ = 1) or put (θ = −1) at x = ln(F/K):
 * −1 below the normalised intrinsic value, 0 at it, +Infinity at or above the upper bound exp(θx/2).
 */
export function impliedNormalisedVol(beta: number, x: number, theta: number): number {
  const b = normalisedTimeValue(beta, x, theta);
  if (b < 0) return -1;
  const xo = -Math.abs(x);
  return impliedFromTimeValue(b, xo, Math.exp(0.5 * xo));
}

/**
 * Safety net for inputs so extreme that round-off defeats the rational guess (|x| in the hundreds, β near the
 * smallest doubles): bisection in ln s on the monotone normalised Black function. Not reached in the documented
 * domain; present so that the public functions never return NaN.
 */
function bisectNormalised(beta: number, x: number): number {
  let lo = 1e-300;
  let hi = 1;
  while (normalisedBlackCall(x, hi) < beta && hi < 1e6) hi *= 2;
  for (let i = 0; i < 2200 && hi - lo > EPS * hi; i++) {
    const mid = lo < 1e-3 * hi ? Math.sqrt(lo * hi) : 0.5 * (lo + hi);
    if (normalisedBlackCall(x, mid) < beta) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
