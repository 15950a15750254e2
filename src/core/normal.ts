/**
 * The standard normal distribution and the complementary error function, to full double precision.
 *
 * - `erfc`/`erfcx` use W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev approximations for the
 *   error function", Math. Comp. 23 (1969) 631–638; coefficients as in his SPECFUN CALERF), with the exp(−x²)
 *   factor computed from an exact split of x so that no digits are lost to the rounding of x² in the far tail.
 * - `normalCdf` computes the lower tail from the scaled erfcx directly (never as 1 − something), so Φ(−38) keeps
 *   its full relative precision down to where the result leaves the normal double range.
 * - `normalQuantile` is Wichura's AS 241 (PPND16, Appl. Statist. 37 (1988) 477–484), followed by one Newton step
 *   on the accurate CDF in the tails.
 *
 * Internal fast variants without validation (`phi`, `Phi`, `erfcxNonNeg`, …) are exported for other modules but
 * are not re-exported from the public index.
 */
import { RiskInputError } from './errors.js';
import { checkNumber } from './validate.js';

/** 1/√(2π). */
export const INV_SQRT_2PI = 0.3989422804014327;
/** 1/√π. */
const INV_SQRT_PI = 0.5641895835477563;
const SQRT1_2 = Math.SQRT1_2;

// Cody's coefficients. erf on |x| ≤ 0.46875:
const A0 = 3.1611237438705656,
  A1 = 113.864154151050156,
  A2 = 377.485237685302021,
  A3 = 3209.37758913846947,
  A4 = 0.185777706184603153;
const B0 = 23.6012909523441209,
  B1 = 244.024637934444173,
  B2 = 1282.61652607737228,
  B3 = 2844.23683343917062;
// erfcx on 0.46875 ≤ x ≤ 4:
const C0 = 0.564188496988670089,
  C1 = 8.88314979438837594,
  C2 = 66.1191906371416295,
  C3 = 298.635138197400131;
const C4 = 881.95222124176909,
  C5 = 1712.04761263407058,
  C6 = 2051.07837782607147,
  C7 = 1230.33935479799725,
  C8 = 2.15311535474403846e-8;
const D0 = 15.7449261107098347,
  D1 = 117.693950891312499,
  D2 = 537.181101862009858,
  D3 = 1621.38957456669019;
const D4 = 3290.79923573345963,
  D5 = 4362.61909014324716,
  D6 = 3439.36767414372164,
  D7 = 1230.33935480374942;
// erfcx on x > 4 (in 1/x²):
const P0 = 0.305326634961232344,
  P1 = 0.360344899949804439,
  P2 = 0.125781726111229246,
  P3 = 0.0160837851487422766;
const P4 = 6.58749161529837803e-4,
  P5 = 0.0163153871373020978;
const Q0 = 2.56852019228982242,
  Q1 = 1.87295284992346047,
  Q2 = 0.527905102951428412,
  Q3 = 0.0605183413124413191,
  Q4 = 0.00233520497626869185;

/**
 * W. J. Cody's rational Chebyshev coefficients (Math. Comp. 23 (1969) 631–638), the one copy every kernel uses
 * (greeks/kernels/fastMath.ts, the Monte Carlo option kernels; the wasm kernels carry them as a data segment checked equal to
 * these by test). Internal. Each array is in the order of the names above.
 */
export const CODY = /* @__PURE__ */ Object.freeze({
  /** erf(x) = x·A(x²)/B(x²) on |x| ≤ 0.46875: A0..A4, B0..B3. */
  erfNum: /* @__PURE__ */ Object.freeze([A0, A1, A2, A3, A4] as const),
  erfDen: /* @__PURE__ */ Object.freeze([B0, B1, B2, B3] as const),
  /** erfcx(y) = C(y)/D(y) on 0.46875 ≤ y ≤ 4: C0..C8, D0..D7. */
  midNum: /* @__PURE__ */ Object.freeze([C0, C1, C2, C3, C4, C5, C6, C7, C8] as const),
  midDen: /* @__PURE__ */ Object.freeze([D0, D1, D2, D3, D4, D5, D6, D7] as const),
  /** erfcx(y) = (1/√π − z·P(z)/Q(z))/y, z = 1/y², on y > 4: P0..P5, Q0..Q4. */
  tailNum: /* @__PURE__ */ Object.freeze([P0, P1, P2, P3, P4, P5] as const),
  tailDen: /* @__PURE__ */ Object.freeze([Q0, Q1, Q2, Q3, Q4] as const),
  /** 1/√π. */
  invSqrtPi: INV_SQRT_PI,
});

/** erf(x) for |x| ≤ 0.46875 (Cody's first interval). Internal. */
export function erfSmall(x: number): number {
  const z = x * x;
  const num = (((A4 * z + A0) * z + A1) * z + A2) * z + A3;
  const den = (((z + B0) * z + B1) * z + B2) * z + B3;
  return (x * num) / den;
}

/** exp(x²)·erfc(x) for x ≥ 0.46875 (Cody's second and third intervals). Internal, no validation. */
export function erfcxLarge(y: number): number {
  if (y <= 4) {
    const num = (((((((C8 * y + C0) * y + C1) * y + C2) * y + C3) * y + C4) * y + C5) * y + C6) * y + C7;
    const den = (((((((y + D0) * y + D1) * y + D2) * y + D3) * y + D4) * y + D5) * y + D6) * y + D7;
    return num / den;
  }
  if (y >= 6.71e7) return INV_SQRT_PI / y;
  const z = 1 / (y * y);
  const num = ((((P5 * z + P0) * z + P1) * z + P2) * z + P3) * z + P4;
  const den = ((((z + Q0) * z + Q1) * z + Q2) * z + Q3) * z + Q4;
  return (INV_SQRT_PI - (z * num) / den) / y;
}

/** exp(y²)·erfc(y) for y ≥ 0. Internal, no validation. */
export function erfcxNonNeg(y: number): number {
  if (y <= 0.46875) return Math.exp(y * y) * (1 - erfSmall(y));
  return erfcxLarge(y);
}

/**
 * exp(−x²·s) for s = 1 or ½ without the relative error that rounding x² would bring (≈ x²·2⁻⁵³): x is split as
 * xh + xl with xh = trunc(16x)/16 (xh² exact), exp(−s·xh²) is taken as the square of exp(−s·xh²/2) so that a
 * result below the normal range is rounded once. Internal.
 */
function expNegSq(x: number, s: number, factor: number): number {
  const ax = Math.abs(x);
  const xh = Math.trunc(ax * 16) / 16;
  const del = (ax - xh) * (ax + xh) * s;
  const e = Math.exp(-0.5 * s * xh * xh);
  return e * (Math.exp(-del) * factor) * e;
}

/** Standard normal density without validation. Internal. */
export function phi(x: number): number {
  if (!(Math.abs(x) < 40)) return 0;
  return expNegSq(x, 0.5, INV_SQRT_2PI);
}

/** Standard normal CDF without validation (x not NaN). Internal. */
export function Phi(x: number): number {
  const y = Math.abs(x) * SQRT1_2;
  if (y <= 0.46875) return 0.5 + 0.5 * erfSmall(x * SQRT1_2);
  if (y > 27.3) return x < 0 ? 0 : 1;
  // lower tail Φ(−|x|) = ½·erfcx(|x|/√2)·exp(−x²/2)
  const lower = expNegSq(x, 0.5, 0.5 * erfcxLarge(y));
  return x < 0 ? lower : 1 - lower;
}

function checkNotNaN(x: unknown, path: string): number {
  if (typeof x !== 'number' || Number.isNaN(x))
    throw new RiskInputError(path, 'a number (±Infinity allowed, not NaN)', x);
  return x;
}

/**
 * Standard normal density φ(x) = exp(−x²/2)/√(2π), relative error ≲ 1e-15 wherever the result is a normal double
 * (|x| ≲ 37.5); beyond, the (subnormal) result is exact to its last ulp; 0 for |x| ≥ 40 and ±Infinity.
 *
 * @param x any number (±Infinity allowed); NaN throws {@link RiskInputError}.
 * @example
 * ```ts
 * import { normalPdf } from 'riskcore';
 * console.log(normalPdf(0)); // 0.3989422804014327
 * ```
 */
export function normalPdf(x: number): number {
  return phi(checkNotNaN(x, 'x'));
}

/**
 * Standard normal CDF Φ(x) = P(Z ≤ x). The lower tail is computed without cancellation, so Φ(−10) = 7.62e-24 and
 * Φ(−37) = 5.72e-300 keep ≈ 15 significant digits (relative error ≲ 1e-15 while the result is a normal double,
 * x ≳ −37.5; subnormal results lose relative precision as any double must; exactly 0 below ≈ −38.6).
 * For x > 0 the result is 1 − Φ(−x), accurate to 1 ulp of 1.
 *
 * @param x any number (±Infinity allowed); NaN throws {@link RiskInputError}.
 * @example
 * ```ts
 * import { normalCdf } from 'riskcore';
 * console.log(normalCdf(1.959963984540054)); // 0.975
 * console.log(normalCdf(-20)); // 2.7536241186062e-89
 * ```
 */
export function normalCdf(x: number): number {
  return Phi(checkNotNaN(x, 'x'));
}

/**
 * Complementary error function erfc(x) = 1 − erf(x) = (2/√π)∫ₓ^∞ exp(−t²) dt, relative error ≲ 1e-15 while the
 * result is a normal double (x ≲ 26.5); 0 beyond ≈ 27.3; 2 − erfc(−x) for x < 0.
 *
 * @param x any number (±Infinity allowed); NaN throws {@link RiskInputError}.
 * @example
 * ```ts
 * import { erfc } from 'riskcore';
 * console.log(erfc(1)); // 0.157299207050285
 * ```
 */
export function erfc(x: number): number {
  checkNotNaN(x, 'x');
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erfSmall(x);
  const r = y > 27.3 ? 0 : expNegSq(y, 1, erfcxLarge(y));
  return x < 0 ? 2 - r : r;
}

/**
 * Scaled complementary error function erfcx(x) = exp(x²)·erfc(x), ~ 1/(x√π) for large x; relative error ≲ 1e-15.
 * For x < 0 it grows like 2·exp(x²) and overflows a double below x ≈ −26.6, which throws.
 *
 * @param x a number > −26.6 (or +Infinity → 0); NaN throws {@link RiskInputError}.
 * @example
 * ```ts
 * import { erfcx } from 'riskcore';
 * console.log(erfcx(10)); // 0.0561409927438226
 * ```
 */
export function erfcx(x: number): number {
  checkNotNaN(x, 'x');
  if (x === Infinity) return 0;
  if (x >= 0) return erfcxNonNeg(x);
  // erfcx(x) = 2·exp(x²) − erfcx(−x), with exp(x²) from the exact split
  const y = -x;
  const yh = Math.trunc(y * 16) / 16;
  const del = (y - yh) * (y + yh);
  const e = Math.exp(0.5 * yh * yh);
  const r = 2 * (e * Math.exp(del)) * e - erfcxNonNeg(y);
  if (!Number.isFinite(r)) throw new RiskInputError('x', 'a number > -26.6 (erfcx(x) overflows a double below)', x);
  return r;
}

// Wichura AS 241 (PPND16) coefficients.
const QA = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457,
  67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const QB = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061,
  28729.085735721942674, 5226.495278852854561,
];
const QC = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
  0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const QD = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const QE = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093,
  0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const QF = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

function ratio(a: number[], b: number[], r: number): number {
  let n = a[7];
  let d = b[7];
  for (let i = 6; i >= 0; i--) {
    n = n * r + a[i];
    d = d * r + b[i];
  }
  return n / d;
}

/** Normal quantile without validation (0 < p < 1). Internal. */
export function PhiInv(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) return q * ratio(QA, QB, 0.180625 - q * q);
  const tail = q < 0 ? p : 1 - p;
  const r = Math.sqrt(-Math.log(tail));
  let x = r <= 5 ? ratio(QC, QD, r - 1.6) : ratio(QE, QF, r - 5);
  // one Newton step on the lower tail Φ(−x) = tail, from the accurate CDF
  const f = Phi(-x);
  const d = phi(x);
  if (d > 0 && f > 0) x -= (tail - f) / d;
  return q < 0 ? -x : x;
}

/**
 * Inverse standard normal CDF: the x with Φ(x) = p, relative error ≈ 1e-16 for every p in (0, 1), including
 * p = 1e-300 (x = −37.04…). AS 241 (Wichura 1988) then one Newton step on the accurate tail CDF. For p near 1,
 * the input p itself carries only absolute precision 1.1e-16, so the upper tail is limited by p, not by the method.
 *
 * @param p probability, strictly inside (0, 1); anything else throws {@link RiskInputError}.
 * @example
 * ```ts
 * import { normalQuantile } from 'riskcore';
 * console.log(normalQuantile(0.975)); // 1.95996398454005
 * ```
 */
export function normalQuantile(p: number): number {
  return PhiInv(checkNumber(p, 'p', { gt: 0, lt: 1 }));
}
