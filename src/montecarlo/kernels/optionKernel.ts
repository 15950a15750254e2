/**
 * Guarded by bench/workloads/options.ts (option revaluation per path).
 *
 * Option kernels of the simulation's hot loop, in forward terms and undiscounted: Black (for BSM and Black-76, both
 * priced on the forward F = S·e^{(r−y)τ}) and Bachelier.
 *
 * - {@link blackKernel} / {@link bachelierKernel}: the plain scalar versions (Cody's rational erfcx), used for
 *   today's values and the delta-gamma coefficients, and the reference the column kernel is tested against.
 * - {@link blackColumnSum}: the hot loop. Black calls and puts of one underlying as columns of Float64Arrays
 *   (per-option constants precomputed), one `Math.exp` per option: Φ(−a) = e^{−a²/2}·R(a) with R the tabulated
 *   scaled Mills ratio ({@link lowerTailFromExp}), and e^{−d₂²/2} = e^{−d₁²/2}·F/K; calls and puts in one
 *   branch-free formula w·(F·Φ(w·d₁) − K·Φ(w·d₂)), w = ±1 folded into the column weights.
 *
 * Internal; the public API revalues through these and is tested against the greeks module's valuation.
 */
import { erfSmall, erfcxLarge, Phi, phi } from '../../core/normal.js';
import { MILLS_TABLE } from '../millsTable.js';

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

/**
 * Φ(−a) for a ≥ 0 given e = exp(−a²/2): e·R(a), R(a) = Φ(−a)·e^{a²/2} from the degree-5 piecewise table on [0, 8) (512 pieces)
 * (relative error ≲ 3e-16 on R), Cody's asymptotic erfcx beyond. The relative error of the result is that of `e`
 * plus ≈ 3e-16.
 */
export function lowerTailFromExp(a: number, e: number): number {
  if (a < 8) {
    const j = (a * 64) | 0;
    const t = a - j * 0.015625 - 0.0078125;
    const T = MILLS_TABLE;
    const o = j * 6;
    return (((((T[o + 5] * t + T[o + 4]) * t + T[o + 3]) * t + T[o + 2]) * t + T[o + 1]) * t + T[o]) * e;
  }
  return 0.5 * erfcxLarge(a * SQRT1_2) * e;
}

/** e^{−m} for m = 0 … 32 and e^{−j/64} for j = 0 … 63 (the inline exp of the column kernel, |d₁| < 8). */
const EXP_INT = Float64Array.from({ length: 33 }, (_, m) => Math.exp(-m));
const EXP_64TH = Float64Array.from({ length: 64 }, (_, j) => Math.exp(-j / 64));

/**
 * Column form of the Black options of a book, grouped by underlying. Option i (of underlying a, in
 * [start[a], start[a+1])) has weight w = +1 for a call, −1 for a put, quantity·discount qd, strike K, forward
 * factor cf (F = S·cf) and total vol v = σ√τ; the columns hold what the loop needs of these.
 */
export interface BlackColumns {
  /** start[a] … start[a+1]: the options of underlying a (length n + 1). */
  start: Int32Array;
  /** ln cf − ln K (so ln(F/K) = ln S + lnCK). */
  lnCK: Float64Array;
  /** 1/v. */
  invV: Float64Array;
  /** v/2. */
  halfV: Float64Array;
  v: Float64Array;
  /** w (±1). */
  w: Float64Array;
  /** w·qd·cf (weight of S·Φ(w·d₁)). */
  wQdCF: Float64Array;
  /** w·qd·K (weight of Φ(w·d₂)). */
  wQdK: Float64Array;
  /** cf/K (F/K = S·cfInvK). */
  cfInvK: Float64Array;
}

/**
 * Σ qd·Black(S·cf, K, v·vm) over the options [i0, i1) of one underlying at spot `S` (ln S = `lnS`), implied vols
 * scaled by `vm` (1: no vol shock). Options with |d₁| or |d₂| ≥ 30 (values below e^{−450} of the forward, or
 * v ≥ 30) take the plain scalar path.
 */
export function blackColumnSum(c: BlackColumns, i0: number, i1: number, S: number, lnS: number, vm: number): number {
  const lnCK = c.lnCK,
    invV = c.invV,
    halfV = c.halfV,
    v = c.v,
    w = c.w,
    wQdCF = c.wQdCF,
    wQdK = c.wQdK,
    cfInvK = c.cfInvK;
  const T = MILLS_TABLE,
    EH = EXP_INT,
    EL = EXP_64TH;
  const ivm = 1 / vm;
  let sum = 0;
  for (let i = i0; i < i1; i++) {
    const d1 = (lnS + lnCK[i]) * (invV[i] * ivm) + halfV[i] * vm;
    const d2 = d1 - v[i] * vm;
    const a1 = d1 < 0 ? -d1 : d1;
    const a2 = d2 < 0 ? -d2 : d2;
    const wi = w[i];
    let n1: number;
    let n2: number;
    if (a1 < 8 && a2 < 8) {
      // The arithmetic of blockKernels' blackTermFast, written out here on purpose: calling it (7 doubles in, one
      // out, not inlined into this loop) gave the same bits but made qmcVaR on the 'options' book 1.5× slower
      // (1.30–1.42 s against 0.87–0.89 s, 3 alternating runs each).
      // e1 = exp(−d1²/2) from tables: y = 32·d1² = n + f, e1 = e^{−⌊n/64⌋}·e^{−(n mod 64)/64}·e^{−f/64}
      const y = 32 * d1 * d1;
      const n = y | 0;
      const r = (y - n) * 0.015625;
      const r2 = r * r;
      const er = 1 - r + 0.5 * r2 - r2 * r * (1 / 6 - r * (1 / 24) + r2 * (1 / 120 - r * (1 / 720)));
      const e1 = EH[n >> 6] * EL[n & 63] * er;
      // Φ(−a) = e^{−a²/2}·R(a), R from the degree-5 table (Estrin)
      const j1 = (a1 * 64) | 0;
      const t1 = a1 - j1 * 0.015625 - 0.0078125;
      const o1 = j1 * 6;
      const s1 = t1 * t1;
      const q1 = s1 * s1;
      const R1 = T[o1] + T[o1 + 1] * t1 + s1 * (T[o1 + 2] + T[o1 + 3] * t1) + q1 * (T[o1 + 4] + T[o1 + 5] * t1);
      const j2 = (a2 * 64) | 0;
      const t2 = a2 - j2 * 0.015625 - 0.0078125;
      const o2 = j2 * 6;
      const s2 = t2 * t2;
      const q2 = s2 * s2;
      const R2 = T[o2] + T[o2 + 1] * t2 + s2 * (T[o2 + 2] + T[o2 + 3] * t2) + q2 * (T[o2 + 4] + T[o2 + 5] * t2);
      const p1 = R1 * e1; // Φ(−|d1|)
      const p2 = R2 * (e1 * S * cfInvK[i]); // e^{−d2²/2} = e^{−d1²/2}·F/K
      n1 = wi * d1 >= 0 ? 1 - p1 : p1; // Φ(w·d1)
      n2 = wi * d2 >= 0 ? 1 - p2 : p2; // Φ(w·d2)
    } else if (a1 < 30 && a2 < 30) {
      const e1 = Math.exp(-0.5 * d1 * d1);
      const p1 = lowerTailFromExp(a1, e1);
      const p2 = lowerTailFromExp(a2, e1 * S * cfInvK[i]);
      n1 = wi * d1 >= 0 ? 1 - p1 : p1;
      n2 = wi * d2 >= 0 ? 1 - p2 : p2;
    } else {
      n1 = Phi(wi * d1);
      n2 = Phi(wi * d2);
    }
    sum += wQdCF[i] * S * n1 - wQdK[i] * n2;
  }
  return sum;
}

/** Standard normal density (re-exported for the Greeks of the delta-gamma modes). */
export { phi as normalPdfFast, Phi as normalCdfFast };
